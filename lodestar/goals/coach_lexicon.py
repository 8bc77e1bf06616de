"""Word lists behind the goal coach's heuristics (English).

General vocabulary grouped by the role a word plays in a goal. Nothing here is
taken from the labelled example corpus; the lists describe *kinds* of words:

* generic verbs carry no content ("get", "improve", "learn"): the object decides;
* vague nouns/modifiers and buzzwords make a goal less specific;
* broad areas ("leadership", "finance") are a start, but need a context;
* role nouns ("nurse") are half a signal; with a rank ("senior", "charge") they
  name a target position;
* concrete nouns (credentials, deliverables, audiences, places of work, tools,
  languages) are strong specificity signals.

Words are matched on a crude lemma (see ``coach._lemma``), so list base forms.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words and fillers: ignored when weighing a goal.
STOPWORDS = _words("""
    a an the and or but nor so yet if then than that this these those there here
    i me my mine myself we us our ours you your yours he him his she her it its they them their
    am is are was were be been being do does did done have has had having will would shall
    should can could may might must ought to of in on at by for with from into onto about
    as up down out over under again further once off through during before after above below
    between across around among along within without toward towards upon via per
    what which who whom whose when where why how all any both each few other such own same
    not no only just also very too quite rather really actually basically maybe perhaps
    want wants wanted wanting need needs needed wish wishes hope hopes would like love
    try trying able ability going gonna wanna lot lots bit kind sort way ways
    one someone somebody anyone anybody everyone something anything everything nothing
    etc e.g i.e please even still already ever always never often sometimes
    because since while until till til unless whether though although
    goal goals aim aims plan plans objective objectives target
""")

# Verbs that say nothing on their own: "get", "improve", "learn". The object decides.
GENERIC_VERBS = _words("""
    be become get got make do have keep take go come find figure learn know understand
    improve grow develop advance progress succeed excel enhance boost increase achieve reach
    unlock leverage drive optimize optimise maximize maximise elevate expand step level upskill
    reskill explore focus gain acquire strengthen sharpen polish refine master help support see
    feel think work continue start begin build put give let use study practice practise change
    move transition switch handle deal manage lead guide show bring turn stay remain feel
    perform contribute add create deliver look seem gets getting
""")

# Nouns that name no particular thing when they are the object of a goal.
VAGUE_NOUNS = _words("""
    career skill skills skillset stuff thing things job work myself yourself self life potential
    growth success level levels impact experience knowledge capability capabilities competence
    competency competencies performance mindset passion purpose direction clarity motivation
    happiness fulfilment fulfillment balance wellbeing well-being brand outcome outcomes result
    results value everything something anything area areas field space industry game journey
    sector domain opportunity opportunities aspect aspects quality strength strengths weakness
    weaknesses excellence expertise development improvement progress future
    money income status reputation visibility exposure network contribution difference person
    people others world stage step next standard standards effectiveness efficiency
    productivity confidence profile presence knowhow know-how general lot
""")

# Adjectives/adverbs that grade without saying what changes.
VAGUE_MODIFIERS = _words("""
    more most better best good great greater successful confident strong stronger bigger big
    new newer professional professionally personal personally full fully much many overall
    general generally maximum max excellent amazing awesome top real true high higher
    effective efficient productive expert valuable relevant certain various
    different several some whole every total additional further deeper broader wider
    proactive dynamic passionate outstanding exceptional well ahead smart smarter
    successful faster skilled skillful competent capable important meaningful
""")

# Management-speak: reads as specific, says nothing. Counts against a goal.
BUZZWORDS = _words("""
    synergy synergies paradigm impactful holistic empower empowered ecosystem visionary
    rockstar ninja guru disrupt disruptive world-class best-in-class next-level game-changer
    value-add thought-leader thought-leadership 10x 100x win-win transformational
    transformative unlock leverage actionable
""")

# Multi-word vague expressions (matched on lower-case words, before single words).
VAGUE_PHRASES = frozenset({
    "next level", "thought leader", "thought leadership", "work life balance",
    "work-life balance", "comfort zone", "full potential", "growth mindset", "move the needle",
    "level up", "step up", "get ahead", "in general", "best version", "personal brand",
    "world class", "best in class", "value add", "game changer", "big picture",
})

# Broad soft skills and whole fields: a direction, not a goal, without a context.
BROAD_AREAS = _words("""
    communication communications leadership presenting presentation presentations speaking
    networking management teamwork collaboration productivity organisation organization
    creativity interpersonal finance finances business technology technologies tech it
    software programming coding engineering design research teaching education sales selling
    marketing nursing healthcare health medicine care law policy government politics data
    science art writing accounting strategy operations administration analytics
    planning product innovation consulting banking economics media journalism hr
    customer service people problem-solving
""")

BROAD_PHRASES = frozenset({
    "public speaking", "time management", "customer service",
    "project management", "problem solving", "critical thinking", "emotional intelligence",
    "personal development", "professional development", "soft skills", "people skills",
    "technical skills", "hard skills", "people management", "stakeholder management",
    "decision making", "self confidence", "self-confidence",
})

# Context nouns that are too common to mean anything particular ("my team", "my company").
GENERIC_CONTEXT = _words("""
    team company organisation organization employer workplace office colleague colleagues
    role position boss place time day days week weeks month months year
    years today tomorrow now later soon year's
""")

# Jobs and roles: half a signal alone ("a better nurse"), a full one with a rank.
ROLE_NOUNS = _words("""
    nurse engineer developer programmer designer teacher manager leader researcher scientist
    accountant analyst consultant lawyer attorney doctor physician officer advisor adviser
    director executive electrician plumber carpenter joiner welder architect administrator
    specialist lead head coordinator supervisor founder entrepreneur writer editor marketer
    salesperson rep representative educator lecturer professor tutor coach mentor mentee
    student intern apprentice technician mechanic chef pharmacist therapist midwife paramedic
    clerk assistant associate partner principal owner auditor controller economist
    statistician librarian journalist producer contractor surveyor inspector cfo ceo cto coo
    vp president chair
""")

# Ranks that turn a role noun into a named target position ("senior developer").
ROLE_RANKS = _words("""
    senior junior lead head chief charge principal staff deputy assistant associate managing
    executive vice first second team section department unit ward clinical registered
    certified chartered licensed qualified master journeyman
""")

# Strong specificity: credentials, deliverables, audiences, places, money, tools, languages.
CONCRETE_NOUNS = _words("""
    exam exams examination test certification certificate license licence degree diploma
    qualification accreditation charter apprenticeship bootcamp course module phd doctorate
    masters msc mba bachelor thesis dissertation viva
    paper article book chapter blog newsletter podcast talk keynote workshop webinar
    seminar lecture report brief proposal grant application portfolio prototype app website
    site api dashboard model pipeline database library plugin release launch feature campaign
    budget forecast policy procedure protocol curriculum syllabus lesson rubric
    assessment audit contract deal roadmap
    spreadsheet slide slides deck demo pitch hackathon conference meetup committee board
    council ministry department ward unit shift clinic hospital classroom class school lab
    laboratory startup shop store restaurant factory warehouse client customer patient
    student pupil parent family stakeholder investor audience salary raise promotion
    revenue margin churn conversion retention error incident bug outage deployment
    visa relocation interview offer scholarship fellowship tenure publication journal
    citation patent trial study survey dataset experiment analysis bid quote estimate
    mortgage loan tax ledger account portfolio fund valuation merger
    case study capstone competition award prize marathon internship placement rotation
    residency site job-site installation repair
    roof boiler wiring circuit carpentry joinery
    bricklaying plastering tiling framing hvac machining forklift crane scaffold
    chart iv medication dosage triage icu er theatre surgery
    syllabus grading marking homework exam-board inspection ofsted accreditation
    code-review unit-test test-suite repository repo commit kernel compiler framework
    python java javascript typescript sql excel figma kubernetes docker aws azure gcp react
    django rust golang tableau powerbi sap salesforce photoshop illustrator autocad revit
    solidworks matlab spss stata linux terraform ansible jenkins git github gitlab jira
    english spanish french german mandarin chinese cantonese arabic hindi urdu bengali
    portuguese japanese korean swahili italian russian dutch polish turkish vietnamese
    thai indonesian malay tagalog greek hebrew persian farsi yoruba igbo hausa amharic
    euro euros dollar dollars pound pounds rupee rupees yen naira shilling
""")

# Units of time: a number next to these is a deadline, not a count.
TIME_UNITS = _words("day days week weeks month months year years quarter quarters")

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100,
    "couple": 2, "few": 3, "dozen": 12, "half": 0,
}

# Verbs that usually open a goal: used to tell "X and Y" lists from "do X and do Y".
GOAL_VERBS = _words("""
    learn get become be move pass build lead start finish publish write run launch improve
    grow develop find make earn save buy travel relocate switch transition change join apply
    complete master read take teach present speak attend create design open close hire mentor
    reduce increase cut double triple land negotiate obtain study practise practice work help
    manage achieve reach win secure ship deliver organise organize set establish found prepare
    qualify retire sell pay lose gain visit volunteer return understand know raise have do
    go contribute submit defend draft pitch automate redesign migrate rebuild train coach
    finalise finalize host launch speak give complete transfer upgrade
""")

# Completion and delivery verbs: with a concrete object they make the goal checkable.
DELIVERY_VERBS = _words("""
    pass passed complete finish publish ship launch release submit obtain earn win secure close
    land deliver defend present speak give run host organise organize lead write build create
    design draft pitch hire sign get qualify graduate certify migrate automate redesign open
    start found launch teach mentor train hit reach reduce cut double triple halve increase
    transfer
""")

# Words that start a purpose/measure clause: "so that", "in order to" etc.
PURPOSE_MARKERS = (
    "so that", "so i can", "so i could", "so we can", "in order to", "which will", "measured by",
    "as measured by", "i will know", "i'll know", "success means", "success is",
    "success looks like", "evidenced by", "shown by", "to the point where", "well enough to",
    "enough to",
)

# Threshold phrases: "at least", "no more than"...
THRESHOLD_PHRASES = (
    "at least", "no more than", "not more than", "fewer than", "less than", "more than",
    "under", "over", "above", "below", "up to", "at most", "on my first attempt",
    "on the first attempt", "first time", "without", "by half", "in half", "from scratch",
    "on my own", "by myself", "unaided", "independently", "fluent", "fluently",
)

# Asking for a mentor instead of stating what the mentor would help with.
MENTOR_REQUEST_PATTERNS = (
    r"\b(?:need|want|find|get|looking\s+for|seeking|search(?:ing)?\s+for|have)\s+(?:a\s+|an\s+|"
    r"some\s+|my\s+)?(?:good\s+|great\s+)?mentor(?:ship)?\b",
    r"\bsomeone\s+(?:to|who\s+(?:can|will))\s+(?:guide|help|mentor|support|advise)\b",
    r"\b(?:be|become)\s+(?:my\s+)?mentor\b",
)

# Keywords choosing which worked example a "vague" hint shows (keys are message topics).
EXAMPLE_TOPICS: dict[str, frozenset[str]] = {
    "presenting": _words("presenting presentation presentations speaking present speak talk"),
    "communication": _words("communication communications communicate writing english"),
    "leadership": _words("leadership leader lead manager management manage boss"),
    "confidence": _words("confidence confident assertive shy"),
    "money": _words("money income salary pay paid rich earn"),
    "sales": _words("sales sell selling deals revenue customer customers"),
    "research": _words("research researcher phd paper papers science scientist"),
    "teaching": _words("teaching teacher teach class classroom school students education"),
    "nursing": _words("nursing nurse patient patients care healthcare hospital ward"),
    "design": _words("design designer ux ui"),
    "finance": _words("finance financial accounting accountant budget budgets"),
    "software": _words("software engineer engineering developer programming coding it tech"),
    "career": _words("career job work role promotion successful success"),
    "skills": _words("skills skill stuff things knowledge learn"),
}
