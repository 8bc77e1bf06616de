"""Static lists the demo population is drawn from: places, organizations, roles and titles.

Every organization, domain and link here is invented; domains end in the reserved `.example`
top-level domain (or are subdomains of example.com/.org/.net) so nothing points at a real site.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import taxonomy as t

AFRICA, ASIA, EUROPE = "Africa", "Asia", "Europe"
NORTH_AMERICA, SOUTH_AMERICA, OCEANIA = "North America", "South America", "Oceania"
CONTINENTS = (AFRICA, ASIA, EUROPE, NORTH_AMERICA, SOUTH_AMERICA, OCEANIA)

# How people in a country usually list English: "native", "official" (a language of work and
# school), "common" (most professionals use it daily) or "often" (many do, at varying levels).
NATIVE, OFFICIAL, COMMON, OFTEN = "native", "official", "common", "often"


@dataclass(frozen=True)
class Country:
    code: str
    continent: str
    weight: int
    # (Faker locale, the language a person with a name from that locale most likely grew up with)
    locales: tuple[tuple[str, str], ...]
    english: str
    # (IANA time zone, cities in it)
    zones: tuple[tuple[str, tuple[str, ...]], ...]
    # Further languages people there often speak as well.
    extra_languages: tuple[str, ...] = ()


COUNTRIES: tuple[Country, ...] = (
    # Africa
    Country("NG", AFRICA, 10, (("yo_NG", "yo"), ("ig_NG", "ig"), ("ha_NG", "ha")), OFFICIAL,
            (("Africa/Lagos", ("Lagos", "Abuja", "Ibadan", "Port Harcourt", "Enugu", "Kano")),)),
    Country("KE", AFRICA, 7, (("en_KE", "sw"), ("sw", "sw")), OFFICIAL,
            (("Africa/Nairobi", ("Nairobi", "Mombasa", "Kisumu", "Nakuru")),)),
    Country("ZA", AFRICA, 7, (("zu_ZA", "zu"),), OFFICIAL,
            (("Africa/Johannesburg", ("Johannesburg", "Cape Town", "Durban", "Pretoria")),),
            ("af", "xh")),
    Country("GH", AFRICA, 5, (("tw_GH", "tw"),), OFFICIAL,
            (("Africa/Accra", ("Accra", "Kumasi", "Takoradi")),)),
    Country("TZ", AFRICA, 3, (("sw", "sw"),), OFTEN,
            (("Africa/Dar_es_Salaam", ("Dar es Salaam", "Arusha", "Dodoma")),)),
    Country("DZ", AFRICA, 3, (("fr_DZ", "ar"),), OFTEN,
            (("Africa/Algiers", ("Algiers", "Oran", "Constantine")),), ("fr",)),
    # Asia
    Country("IN", ASIA, 26, (("en_IN", "hi"), ("en_IN", "ta"), ("en_IN", "mr"), ("en_IN", "te"),
                             ("en_IN", "kn"), ("en_IN", "bn"), ("en_IN", "hi")), OFFICIAL,
            (("Asia/Kolkata", ("Bengaluru", "Mumbai", "Pune", "Hyderabad", "Chennai", "Delhi",
                               "Kolkata", "Ahmedabad")),), ("hi",)),
    Country("JP", ASIA, 8, (("ja_JP", "ja"),), OFTEN,
            (("Asia/Tokyo", ("Tokyo", "Osaka", "Fukuoka", "Nagoya", "Sapporo")),)),
    Country("CN", ASIA, 6, (("zh_CN", "zh"),), OFTEN,
            (("Asia/Shanghai", ("Shanghai", "Beijing", "Shenzhen", "Hangzhou", "Chengdu")),)),
    Country("TW", ASIA, 3, (("zh_TW", "zh"),), OFTEN,
            (("Asia/Taipei", ("Taipei", "Hsinchu", "Taichung")),)),
    Country("VN", ASIA, 4, (("vi_VN", "vi"),), OFTEN,
            (("Asia/Ho_Chi_Minh", ("Ho Chi Minh City", "Hanoi", "Da Nang")),)),
    Country("ID", ASIA, 5, (("id_ID", "id"),), OFTEN,
            (("Asia/Jakarta", ("Jakarta", "Bandung", "Surabaya", "Yogyakarta")),
             ("Asia/Makassar", ("Makassar", "Denpasar")))),
    Country("TH", ASIA, 3, (("en_TH", "th"),), OFTEN,
            (("Asia/Bangkok", ("Bangkok", "Chiang Mai", "Khon Kaen")),)),
    Country("PK", ASIA, 4, (("en_PK", "ur"),), OFFICIAL,
            (("Asia/Karachi", ("Karachi", "Lahore", "Islamabad")),), ("pa",)),
    # Europe
    Country("GB", EUROPE, 14, (("en_GB", "en"),), NATIVE,
            (("Europe/London", ("London", "Manchester", "Edinburgh", "Bristol", "Leeds",
                                "Glasgow")),)),
    Country("IE", EUROPE, 4, (("en_IE", "en"), ("ga_IE", "en")), NATIVE,
            (("Europe/Dublin", ("Dublin", "Cork", "Galway")),), ("ga",)),
    Country("DE", EUROPE, 10, (("de_DE", "de"),), COMMON,
            (("Europe/Berlin", ("Berlin", "Munich", "Hamburg", "Cologne", "Frankfurt",
                                "Leipzig")),)),
    Country("FR", EUROPE, 8, (("fr_FR", "fr"),), OFTEN,
            (("Europe/Paris", ("Paris", "Lyon", "Toulouse", "Nantes", "Lille", "Bordeaux")),)),
    Country("ES", EUROPE, 7, (("es_ES", "es"),), OFTEN,
            (("Europe/Madrid", ("Madrid", "Barcelona", "Valencia", "Seville", "Bilbao")),
             ("Atlantic/Canary", ("Las Palmas", "Santa Cruz de Tenerife"))), ("ca",)),
    Country("IT", EUROPE, 6, (("it_IT", "it"),), OFTEN,
            (("Europe/Rome", ("Milan", "Rome", "Turin", "Bologna", "Naples")),)),
    Country("NL", EUROPE, 6, (("nl_NL", "nl"),), COMMON,
            (("Europe/Amsterdam", ("Amsterdam", "Rotterdam", "Utrecht", "Eindhoven")),)),
    Country("PL", EUROPE, 6, (("pl_PL", "pl"),), COMMON,
            (("Europe/Warsaw", ("Warsaw", "Kraków", "Wrocław", "Gdańsk", "Poznań")),)),
    Country("SE", EUROPE, 4, (("sv_SE", "sv"),), COMMON,
            (("Europe/Stockholm", ("Stockholm", "Gothenburg", "Malmö")),)),
    Country("PT", EUROPE, 4, (("pt_PT", "pt"),), COMMON,
            (("Europe/Lisbon", ("Lisbon", "Porto", "Braga")),)),
    Country("RO", EUROPE, 4, (("ro_RO", "ro"),), COMMON,
            (("Europe/Bucharest", ("Bucharest", "Cluj-Napoca", "Iași", "Timișoara")),)),
    Country("TR", EUROPE, 5, (("tr_TR", "tr"),), OFTEN,
            (("Europe/Istanbul", ("Istanbul", "Ankara", "Izmir")),)),
    Country("FI", EUROPE, 3, (("fi_FI", "fi"),), COMMON,
            (("Europe/Helsinki", ("Helsinki", "Espoo", "Tampere")),), ("sv",)),
    Country("NO", EUROPE, 3, (("no_NO", "no"),), COMMON,
            (("Europe/Oslo", ("Oslo", "Bergen", "Trondheim")),)),
    Country("CH", EUROPE, 4, (("de_CH", "de"), ("fr_CH", "fr")), COMMON,
            (("Europe/Zurich", ("Zurich", "Geneva", "Basel", "Lausanne", "Bern")),),
            ("fr", "de", "it")),
    # North America
    Country("US", NORTH_AMERICA, 28, (("en_US", "en"),), NATIVE,
            (("America/New_York", ("New York", "Boston", "Atlanta", "Washington", "Pittsburgh")),
             ("America/Chicago", ("Chicago", "Austin", "Minneapolis", "Houston")),
             ("America/Denver", ("Denver", "Salt Lake City", "Boulder")),
             ("America/Phoenix", ("Phoenix", "Tucson")),
             ("America/Los_Angeles", ("San Francisco", "Seattle", "Los Angeles", "Portland",
                                      "San Diego"))), ("es",)),
    Country("CA", NORTH_AMERICA, 8, (("en_CA", "en"), ("fr_CA", "fr")), COMMON,
            (("America/Toronto", ("Toronto", "Ottawa", "Montréal", "Waterloo")),
             ("America/Vancouver", ("Vancouver", "Victoria")),
             ("America/Edmonton", ("Calgary", "Edmonton")),
             ("America/Halifax", ("Halifax",))), ("fr",)),
    Country("MX", NORTH_AMERICA, 8, (("es_MX", "es"),), OFTEN,
            (("America/Mexico_City", ("Mexico City", "Guadalajara", "Puebla", "Querétaro")),
             ("America/Monterrey", ("Monterrey", "Saltillo")),
             ("America/Tijuana", ("Tijuana", "Mexicali")))),
    # South America
    Country("BR", SOUTH_AMERICA, 14, (("pt_BR", "pt"),), OFTEN,
            (("America/Sao_Paulo", ("São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba",
                                    "Porto Alegre", "Florianópolis")),
             ("America/Recife", ("Recife",)),
             ("America/Fortaleza", ("Fortaleza",)),
             ("America/Manaus", ("Manaus",)))),
    Country("AR", SOUTH_AMERICA, 6, (("es_AR", "es"),), OFTEN,
            (("America/Argentina/Buenos_Aires", ("Buenos Aires", "Rosario", "La Plata")),
             ("America/Argentina/Cordoba", ("Córdoba",)))),
    Country("CO", SOUTH_AMERICA, 6, (("es_CO", "es"),), OFTEN,
            (("America/Bogota", ("Bogotá", "Medellín", "Cali", "Barranquilla")),)),
    Country("CL", SOUTH_AMERICA, 4, (("es_CL", "es"),), OFTEN,
            (("America/Santiago", ("Santiago", "Valparaíso", "Concepción")),)),
    Country("PE", SOUTH_AMERICA, 3, (("es", "es"),), OFTEN,
            (("America/Lima", ("Lima", "Arequipa", "Trujillo")),), ("qu",)),
    # Oceania
    Country("AU", OCEANIA, 9, (("en_AU", "en"),), NATIVE,
            (("Australia/Sydney", ("Sydney", "Canberra", "Newcastle")),
             ("Australia/Melbourne", ("Melbourne", "Geelong")),
             ("Australia/Brisbane", ("Brisbane", "Gold Coast")),
             ("Australia/Perth", ("Perth",)),
             ("Australia/Adelaide", ("Adelaide",)))),
    Country("NZ", OCEANIA, 4, (("en_NZ", "en"),), NATIVE,
            (("Pacific/Auckland", ("Auckland", "Wellington", "Christchurch", "Dunedin")),)),
)

# Languages people pick up beyond home and English, at a basic or conversational level.
LEARNED_LANGUAGES = ("es", "fr", "de", "pt", "ja", "zh", "it", "ar", "ko", "sw")

ENGINEERING, PLATFORM, DATA, PRODUCT, DESIGN = (
    "Engineering", "Platform", "Data and Analytics", "Product", "Design",
)
MARKETING, SALES, CUSTOMERS, FINANCE, OPERATIONS, PEOPLE, RESEARCH = (
    "Marketing", "Sales", "Customer Success", "Finance", "Operations", "People and Culture",
    "Research",
)


@dataclass(frozen=True)
class Department:
    field: str  # how a person would name their line of work in a sentence
    categories: tuple[str, ...]  # taxonomy categories their skills come from
    technical: bool
    # One tuple of job titles per Seniority value, STUDENT (0) through EXECUTIVE (7).
    ladder: tuple[tuple[str, ...], ...]


DEPARTMENTS: dict[str, Department] = {
    ENGINEERING: Department("software engineering", (t.SOFTWARE, t.PLATFORM), True, (
        ("Software Engineering Intern",), ("Graduate Software Engineer", "Associate Engineer"),
        ("Junior Software Engineer", "Junior Developer"),
        ("Software Engineer", "Backend Engineer", "Frontend Engineer", "Mobile Engineer"),
        ("Senior Software Engineer", "Senior Backend Engineer"),
        ("Staff Engineer", "Engineering Lead", "Engineering Manager"),
        ("Director of Engineering",), ("VP of Engineering", "Chief Technology Officer"))),
    PLATFORM: Department("platform and infrastructure work", (t.PLATFORM, t.SOFTWARE), True, (
        ("Infrastructure Intern",), ("Associate Cloud Engineer",), ("Junior DevOps Engineer",),
        ("Site Reliability Engineer", "Cloud Engineer", "Security Engineer"),
        ("Senior Site Reliability Engineer", "Senior Security Engineer"),
        ("Principal Platform Engineer", "Platform Engineering Manager"),
        ("Director of Infrastructure", "Head of Security"),
        ("Chief Information Security Officer",))),
    DATA: Department("data and analytics", (t.DATA,), True, (
        ("Data Science Intern",), ("Associate Data Analyst",), ("Junior Data Analyst",
        "Junior Analyst"), ("Data Analyst", "Data Scientist", "Analytics Engineer"),
        ("Senior Data Scientist", "Senior Data Engineer"), ("Lead Data Scientist",
        "Analytics Manager"), ("Director of Data",), ("Chief Data Officer",))),
    PRODUCT: Department("product management", (t.PRODUCT, t.DATA), False, (
        ("Product Intern",), ("Associate Product Manager",), ("Product Analyst",),
        ("Product Manager",), ("Senior Product Manager",), ("Group Product Manager",
        "Lead Product Manager"), ("Director of Product",), ("Chief Product Officer",))),
    DESIGN: Department("design", (t.DESIGN,), True, (
        ("Design Intern",), ("Junior Designer",), ("UX Designer", "Visual Designer"),
        ("Product Designer", "UX Researcher"), ("Senior Product Designer",),
        ("Lead Designer", "Design Manager"), ("Head of Design",), ("VP of Design",))),
    MARKETING: Department("marketing", (t.MARKETING,), False, (
        ("Marketing Intern",), ("Marketing Coordinator",),
        ("Marketing Associate", "Content Specialist"), ("Marketing Manager", "Brand Manager"),
        ("Senior Marketing Manager",),
        ("Head of Growth", "Head of Communications"), ("Marketing Director",),
        ("Chief Marketing Officer",))),
    SALES: Department("sales", (t.SALES,), False, (
        ("Sales Intern",), ("Sales Development Representative",), ("Account Executive",),
        ("Senior Account Executive", "Partnerships Manager"), ("Enterprise Account Director",),
        ("Regional Sales Lead",), ("Sales Director",), ("Chief Revenue Officer",))),
    CUSTOMERS: Department("customer success", (t.SALES,), False, (
        ("Support Intern",), ("Support Specialist",), ("Customer Success Associate",),
        ("Customer Success Manager",), ("Senior Customer Success Manager",),
        ("Head of Support",), ("Director of Customer Success",), ("Chief Customer Officer",))),
    FINANCE: Department("finance", (t.FINANCE,), True, (
        ("Finance Intern",), ("Accounts Assistant",),
        ("Junior Accountant", "Junior Financial Analyst"),
        ("Financial Analyst", "Accountant"), ("Senior Financial Analyst", "Finance Manager"),
        ("Head of Financial Planning",), ("Finance Director",), ("Chief Financial Officer",))),
    OPERATIONS: Department("operations", (t.OPERATIONS,), False, (
        ("Operations Intern",), ("Operations Coordinator",), ("Operations Analyst",
        "Supply Chain Analyst"), ("Operations Manager", "Project Manager"),
        ("Senior Program Manager", "Senior Operations Manager"), ("Head of Operations",),
        ("Director of Operations",), ("Chief Operating Officer",))),
    PEOPLE: Department("people and learning", (t.PEOPLE,), False, (
        ("HR Intern",), ("People Operations Assistant",), ("Recruiter", "HR Generalist"),
        ("HR Business Partner", "Learning and Development Specialist"),
        ("Senior HR Business Partner", "Senior Talent Partner"),
        ("Head of Learning and Development", "Talent Development Lead"),
        ("HR Director",), ("Chief People Officer",))),
    RESEARCH: Department("research", (t.RESEARCH, t.DATA), True, (
        ("Research Intern",), ("Research Assistant",), ("Research Associate",),
        ("Research Scientist",), ("Senior Research Scientist",), ("Principal Scientist",),
        ("Director of Research",), ("Chief Scientific Officer",))),
}


@dataclass(frozen=True)
class Organization:
    name: str
    domain: str
    continents: tuple[str, ...]  # empty: present everywhere
    departments: tuple[str, ...]
    weight: int


ORGANIZATIONS: tuple[Organization, ...] = (
    Organization("Copperleaf Software", "copperleaf.example", (), (ENGINEERING, PLATFORM, PRODUCT,
                 DESIGN, DATA, MARKETING, SALES, CUSTOMERS, PEOPLE, FINANCE), 14),
    Organization("Meridian Health Alliance", "meridianhealth.example", (), (RESEARCH, DATA,
                 ENGINEERING, OPERATIONS, PEOPLE, FINANCE), 8),
    Organization("Kestrel Payments", "kestrelpay.example", (), (ENGINEERING, PLATFORM, PRODUCT,
                 DATA, FINANCE, SALES, CUSTOMERS, PEOPLE), 10),
    Organization("Harbourline Logistics", "harbourline.example", (), (OPERATIONS, ENGINEERING,
                 DATA, SALES, FINANCE, PEOPLE), 7),
    Organization("Greenmantle Energy", "greenmantle.example", (), (RESEARCH, ENGINEERING,
                 OPERATIONS, FINANCE, DATA, PEOPLE), 6),
    Organization("Atlas Ridge Consulting", "atlasridge.example", (), (DATA, OPERATIONS, FINANCE,
                 PEOPLE, MARKETING, PRODUCT), 6),
    Organization("Kindred Learning Trust", "kindredlearning.example", (), (RESEARCH, PEOPLE,
                 OPERATIONS, MARKETING, DESIGN), 4),
    Organization("Savanna Ledger", "savannaledger.example", (AFRICA,), (ENGINEERING, PRODUCT, DATA,
                 FINANCE, CUSTOMERS, SALES), 5),
    Organization("Baobab Health Labs", "baobabhealth.example", (AFRICA,), (RESEARCH, DATA,
                 OPERATIONS, PEOPLE), 3),
    Organization("Lotus Grid Technologies", "lotusgrid.example", (ASIA,), (ENGINEERING, PLATFORM,
                 PRODUCT, DATA, DESIGN, PEOPLE), 6),
    Organization("Monsoon Analytics", "monsoonanalytics.example", (ASIA, OCEANIA), (DATA,
                 ENGINEERING, SALES, CUSTOMERS), 4),
    Organization("Kumo Robotics", "kumorobotics.example", (ASIA,), (ENGINEERING, RESEARCH,
                 OPERATIONS, DESIGN), 3),
    Organization("Alderbrook Bank", "alderbrook.example", (EUROPE,), (FINANCE, ENGINEERING, DATA,
                 OPERATIONS, PEOPLE, MARKETING), 5),
    Organization("Lindenhof Mobility", "lindenhof.example", (EUROPE,), (ENGINEERING, DESIGN,
                 PRODUCT, OPERATIONS, MARKETING), 4),
    Organization("Pinecrest Media", "pinecrest.example", (NORTH_AMERICA,), (MARKETING, DESIGN,
                 ENGINEERING, SALES, PRODUCT), 4),
    Organization("Sierra Vista Retail", "sierravista.example", (NORTH_AMERICA, SOUTH_AMERICA),
                 (OPERATIONS, MARKETING, DATA, CUSTOMERS, FINANCE, PEOPLE), 4),
    Organization("Ceiba Agritech", "ceiba-agritech.example", (SOUTH_AMERICA,), (RESEARCH, DATA,
                 ENGINEERING, OPERATIONS, SALES), 4),
    Organization("Tasman Ridge Software", "tasmanridge.example", (OCEANIA,), (ENGINEERING,
                 PLATFORM, PRODUCT, DESIGN, CUSTOMERS), 4),
)

TALK_VENUES = (
    "talks.example.org", "summit.example.com", "devdays.example.net", "conf.example.org",
    "meetup.example.com", "forum.example.net",
)
ARTICLE_SITES = (
    "blog.example.com", "notes.example.org", "journal.example.net", "write.example.com",
)
PROJECT_SITES = ("code.example.org", "git.example.net", "projects.example.com")

TALK_TITLES = (
    "What two years of {skill} taught our team",
    "{Skill} when the team doubles in a year",
    "A gentle tour of {skill} for newcomers",
    "{Skill} on a shoestring budget",
    "When {skill} went wrong, and what we changed",
    "From spreadsheet to system: growing up with {skill}",
    "Ten small habits for better {skill}",
    "{Skill} across time zones",
)
ARTICLE_TITLES = (
    "How we think about {skill} at {org}",
    "Five questions to ask before you invest in {skill}",
    "A field guide to {skill}",
    "Why {skill} is a team sport",
    "Notes from my first year of {skill}",
    "The unglamorous parts of {skill}",
    "{Skill}: what I wish I had known earlier",
)
PROJECT_TITLES = (
    "An open playbook for {skill}",
    "{Skill} starter kit",
    "Community handbook on {skill}",
    "Practice exercises for {skill}",
    "A small toolkit for {skill}",
)

BIO_FOCUS = (
    "Most of my week goes into {s1} and {s2}.",
    "These days I spend most of my time on {s1}, with a growing interest in {s2}.",
    "My work centres on {s1}; lately {s2} has taken up more of it.",
    "I care most about {s1}, and I am slowly getting better at {s2}.",
)
BIO_MENTOR = (
    "I like helping people think through {topic} and am glad to share what has and has not "
    "worked for me.",
    "If you are wrestling with {topic}, I would enjoy comparing notes.",
    "I mentor because someone once made time for me; {topic} is where I can help most.",
    "Bring me your questions on {topic}; I will answer honestly, including about my mistakes.",
)
BIO_GROWTH = (
    "Right now I want to get better at {skill} and would value advice from someone who has been "
    "there.",
    "Next on my list is {skill}, and I am looking for people who can show me how they learned it.",
    "I am working toward a role with more {skill} in it.",
)

# The four log-ins the README promises. Plain values: seniority is the Seniority number,
# proficiency the Proficiency number, windows are (weekday, start minute, end minute).
KNOWN_PEOPLE: tuple[dict, ...] = (
    {
        "role": "a mentee",
        "email": "mentee@lodestar.example",
        "display_name": "Ananya Krishnan",
        "organization": "Harbourline Logistics",
        "department": DATA,
        "job_title": "Junior Data Analyst",
        "seniority": 2,
        "years_experience": 2,
        "country": "IN",
        "time_zone": "Asia/Kolkata",
        "city": "Bengaluru",
        "headline": "Junior Data Analyst at Harbourline Logistics · learning to tell stories "
                    "with data",
        "bio": "I joined Harbourline's analytics team in Bengaluru two years ago and spend most "
               "days in SQL and spreadsheets, turning shipment data into weekly reports. I want to "
               "get better at presenting numbers to people who do not live in them, and one day I "
               "would like to move into product analytics.",
        "skills": ["SQL", "Spreadsheet modelling", "Data visualization", "Python",
                   "Presenting data"],
        "languages": [("ta", 5), ("en", 4), ("hi", 3)],
        "channels": ["video", "chat"],
        "feedback_style": "gentle",
        "windows": [(1, 1140, 1230), (2, 780, 825), (3, 1140, 1230), (5, 600, 720)],
    },
    {
        "role": "a mentor",
        "email": "mentor@lodestar.example",
        "display_name": "Elena Marquez",
        "organization": "Copperleaf Software",
        "department": ENGINEERING,
        "job_title": "Director of Engineering",
        "seniority": 6,
        "years_experience": 18,
        "country": "US",
        "time_zone": "America/Los_Angeles",
        "city": "San Francisco",
        "headline": "Director of Engineering at Copperleaf Software · distributed teams, "
                    "first-time managers",
        "bio": "I run four product engineering teams at Copperleaf, spread from Vancouver to "
               "Lagos. Before that I spent a decade writing backend services and learning, "
               "sometimes the hard way, how to lead people who know more than I do. I enjoy "
               "helping new managers and senior engineers work out what they want next, and I "
               "will tell you plainly what I think.",
        "skills": ["Software architecture", "Cloud architecture", "Python", "People management",
                   "Hiring", "Managing managers", "Stakeholder management", "Public speaking"],
        "expertise": ["Managing managers", "Software architecture", "Hiring"],
        "languages": [("en", 5), ("es", 4)],
        "channels": ["video", "email"],
        "feedback_style": "direct",
        "guidance_offered": ["technical", "career", "navigation"],
        "mentorship_types": ["formal", "informal", "virtual"],
        "max_mentees": 4,
        "minutes_per_month": 180,
        "accepting_mentees": True,
        "public_work": [
            ("talk", "Leading one engineering team across five time zones",
             "https://summit.example.com/2024/one-team-five-time-zones", 2024),
            ("article", "The first ninety days of managing managers",
             "https://blog.copperleaf.example/2023/first-ninety-days-managing-managers", 2023),
            ("project", "An open interview kit for backend engineers",
             "https://code.example.org/elena-marquez/open-interview-kit", 2022),
        ],
        "windows": [(1, 480, 540), (2, 720, 780), (3, 480, 540), (5, 540, 630)],
    },
    {
        "role": "a program admin",
        "email": "programs@lodestar.example",
        "display_name": "Sofia Lindqvist",
        "organization": "Copperleaf Software",
        "department": PEOPLE,
        "job_title": "Head of Learning and Development",
        "seniority": 5,
        "years_experience": 12,
        "country": "SE",
        "time_zone": "Europe/Stockholm",
        "city": "Stockholm",
        "headline": "Head of Learning and Development at Copperleaf Software · mentoring programs",
        "bio": "I look after learning at Copperleaf from Stockholm: onboarding, coaching and the "
               "company's mentoring programs. My job is to get the right people talking to each "
               "other and then get out of the way.",
        "skills": ["Learning and development", "Coaching", "Instructional design", "Facilitation",
                   "Program management", "Onboarding"],
        "expertise": ["Learning and development", "Coaching"],
        "languages": [("sv", 5), ("en", 4), ("de", 2)],
        "channels": ["video", "chat"],
        "feedback_style": "written",
        "windows": [(0, 540, 600), (2, 540, 600), (4, 780, 840)],
    },
    {
        "role": "staff (Django admin)",
        "email": "staff@lodestar.example",
        "display_name": "Tomás Ferreira",
        "organization": "Copperleaf Software",
        "department": OPERATIONS,
        "job_title": "Platform Administrator",
        "seniority": 4,
        "years_experience": 9,
        "country": "PT",
        "time_zone": "Europe/Lisbon",
        "city": "Lisbon",
        "headline": "Platform Administrator at Copperleaf Software · keeps Lodestar running",
        "bio": "I look after Copperleaf's internal tools from Lisbon, Lodestar among them. If "
               "something on the site looks wrong, I am the person to tell.",
        "skills": ["Linux", "Project management", "Process improvement", "Customer support"],
        "languages": [("pt", 5), ("en", 4), ("es", 3)],
        "channels": ["chat", "email"],
        "feedback_style": "direct",
        "windows": [(0, 600, 660), (3, 600, 660)],
        "is_staff": True,
        "is_superuser": True,
    },
)
