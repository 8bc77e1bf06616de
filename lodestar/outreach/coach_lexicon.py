"""Word lists and patterns the outreach coach reads messages with (pure Python, no Django).

Written from the guide's "Step 3: The Art of the Approach" and ordinary English usage; nothing
here is copied from the labelled corpus in tests/outreach_corpus.py.
"""

from __future__ import annotations

import re

# --- open-ended commitment -----------------------------------------------------------------------

OPEN_ENDED = [
    re.compile(p)
    for p in (
        r"\b(?:be|become|act as|being)\s+(?:my|a|our)\s+(?:mentor|guide|coach|sponsor|"
        r"sounding\s+board)\b",
        r"\bshow\s+me\s+the\s+ropes\b",
        r"\b(?:once|twice)\s+a\s+(?:week|month|fortnight)\b",
        r"\bover\s+the\s+(?:coming|next)\s+(?:few\s+|couple\s+of\s+)?(?:years?|months)\b",
        r"\bmentor(?:ing)?\s+me\b",
        r"\btake\s+me\s+(?:on\b|under\s+your\s+wing)",
        r"\bunder\s+your\s+wing\b",
        r"\bguide\s+me\s+(?:through|for|in|along|on|throughout)\b",
        r"\b(?:regular|weekly|monthly|fortnightly|bi-?weekly|ongoing|long[- ]term|recurring|"
        r"continuous|continued)\s+(?:\w+[ -]){0,2}(?:calls?|meetings?|sessions?|chats?|"
        r"mentor(?:ship|ing)?|basis|relationship|support|check-?ins?|guidance)\b",
        r"\bon\s+an?\s+(?:ongoing|regular|continuing|long[- ]term)\s+basis\b",
        r"\b(?:calls?|meet|meeting|meetings|talk|chat|sessions?|speak|check[- ]ins?)\b[^.?!]{0,25}"
        r"\bevery\s+(?:week|month|other\s+week|couple\s+of\s+weeks|few\s+weeks|two\s+weeks|"
        r"fortnight)\b",
        r"\b(?:throughout|for\s+the\s+rest\s+of)\s+my\s+(?:career|studies|phd|degree|life)\b",
        r"\bfor\s+the\s+(?:coming|next\s+(?:few|couple\s+of))\s+(?:years|months)\b",
        r"\b(?:need|want|looking\s+for|searching\s+for|seeking)\s+(?:a|you\s+as\s+(?:my|a))\s+"
        r"mentor\b",
        r"\bmentee\s+of\s+yours\b",
    )
]
# "I'm not asking you to be my mentor": a phrase after one of these is not an ask.
NEGATED_BEFORE = re.compile(
    r"(?:\bnot\s+(?:asking|expecting|looking)|\bdon'?t\s+(?:expect|need)|\bno\s+need|\bwithout\s+"
    r"(?:asking|expecting))[^.?!]{0,40}$"
)

# --- subject -------------------------------------------------------------------------------------

# Words that say nothing about what a message is about.
SUBJECT_FILLER = frozenset(
    """
    hi hello hey dear greetings good morning afternoon evening day there re fw fwd
    quick short small brief question questions query request requesting requested asking ask
    mentor mentors mentorship mentoring mentee guidance advice help helping support favour favor
    connect connecting connection introduction introducing intro reaching out touch contact
    opportunity chat call coffee meeting talk talking conversation discuss discussion follow up
    urgent asap important please read need needed needing seeking looking hoping hope would
    could can inquiry enquiry enquiries inquiries
    will may might take under wing long term long-term you your yours me my i we our us a an the
    for to with from about regarding of on in and or at by as is was be so very really just
    amazing great awesome inspiring inspired wonderful brilliant love loved thanks thank hello!
    student graduate junior senior developer engineer designer nurse teacher analyst manager
    professional fan admirer aspiring career growth grow growing journey path way next step steps
    article talk post video podcast paper book work piece something thing things
    """.split()
)

# --- public work ---------------------------------------------------------------------------------

# Nouns a mentee uses for a piece of someone's public work ("your talk on ...").
WORK_CUES = (
    "talk",
    "talks",
    "article",
    "articles",
    "post",
    "posts",
    "blog",
    "write-up",
    "writeup",
    "paper",
    "papers",
    "book",
    "video",
    "videos",
    "podcast",
    "episode",
    "keynote",
    "project",
    "toolkit",
    "repository",
    "repo",
    "thread",
    "newsletter",
    "course",
    "piece",
    "presentation",
    "essay",
    "study",
    "guide",
    "programme",
    "program",
    "lecture",
    "webinar",
    "panel",
    "library",
    "tutorial",
    "slides",
    "interview",
    "material",
    "materials",
    "report",
    "framework",
    "tool",
    "work",
    "series",
    "film",
    "films",
)
WORK_CUE = re.compile(
    r"\byour\s+(?:[\w'-]+\s+){0,5}?(?:" + "|".join(re.escape(c) for c in WORK_CUES) + r")\b"
)

STOPWORDS = frozenset(
    """
    a an the and or but of to in on at for with about from by as into over under your you yours my
    me i we our us they them their it its this that these those what which who whom whose when
    where why how is are am was were be been being do does did have has had can could should would
    will shall may might must not no so if then than there here any some more most very just also
    one two three first new own year years month months week weeks day days time
    """.split()
)

# --- purpose -------------------------------------------------------------------------------------

# "I'm a nurse educator trying to ...", "we are about to ...", "I'd like to understand ...".
PURPOSE = [
    re.compile(p)
    for p in (
        r"\bi(?:'m|\s+am)\b[^.?!]{0,70}?\b(?:trying|working\s+on|preparing|planning|moving|"
        r"hoping|about\s+to|aiming|setting\s+up|building|redesigning|designing|launching|applying|"
        r"choosing|deciding|struggling|stuck|learning|starting|writing|rewriting|evaluating|"
        r"introducing|reducing|migrating|switching|transitioning|studying|researching|"
        r"responsible\s+for|in\s+charge\s+of|leading|running|hiring|looking\s+(?:to|for|into)|"
        r"considering|taking\s+over|going\s+to)\b([^.?!]*)",
        r"\b(?:i|and|but|so)(?:\s+(?:really|also|now|still|i))?(?:'d|\s+would|'m|\s+am)?\s*"
        r"(?:want|like|need|hope|hoping|plan|planning|intend|aim|love|wish)\s+to\s+"
        r"(?!(?:connect|chat|talk|speak|meet|hear|ask\s+you|pick)\b)(\w[^.?!]*)",
        r"\b(?:we|our\s+\w+)(?:'re|\s+are|\s+is|'s)?\b[^.?!]{0,50}?\b(?:about\s+to|planning|"
        r"trying|want\s+to|wants\s+to|debating|evaluating|launching|introducing|setting\s+up|"
        r"reducing|writing|starting|redesigning|moving|hiring|preparing|considering|"
        r"building|choosing|deciding|rebuilding|rethinking|reorgani[sz]ing|restructuring|"
        r"replacing|improving|changing|fixing|scaling|expanding)\b([^.?!]*)",
        r"\bmy\s+(?:goal|aim|plan|project|thesis|dissertation|question|challenge|problem)\b"
        r"([^.?!]*)",
        r"\b(?:deciding|choosing)\s+(?:between|whether|how|which)\b([^.?!]*)",
        r"\bso\s+(?:that\s+)?i\s+can\b([^.?!]*)",
        r"\bhelp\s+me\s+(?:to\s+)?(\w[^.?!]*)",
        r"\bhelp\s+(?:with|on)\s+(?:my|our)\s+(\w[^.?!]*)",
        r"\bi(?:'m|\s+am)\s+(?:\w+\s+){0,2}?interested\s+in\b([^.?!]*)",
        r"\b(?:asked|wants|needs)\s+me\s+to\s+(\w[^.?!]*)",
        r"\bi(?:'ll|\s+will)?\s+(?:start|begin|join|take\s+over)\b([^.?!]*)",
        r"\b(?:not\s+sure|unsure|wondering)\s+(?:whether|how|if|what|which|when)\b([^.?!]*)",
        r"\b(?:just|recently)\s+(?:been\s+)?(?:offered|promoted|hired|started|joined|moved|"
        r"finished|graduated)\b([^.?!]*)",
    )
]
# What the conversation would be about: "to ask what you changed first", "questions about X".
ASK_TOPIC = re.compile(
    r"\b(?:to\s+(?:go\s+over|discuss|talk\s+(?:about|through)|ask(?:\s+you)?(?:\s+about)?|"
    r"tell\s+me(?:\s+about)?|"
    r"understand|learn(?:\s+about)?|hear|walk\s+you\s+through|get\s+your\s+(?:view|take|"
    r"advice|feedback)\s+on)|(?:questions?|advice|call|chat|conversation)\s*:?\s*(?:\w+\s+)"
    r"{0,2}?(?:about|on|regarding|around|whether|how|what|why|which))\s+([^.?!]*)"
)
# A purpose made only of these words is no purpose ("I'm looking to grow").
GENERIC_AIMS = (
    frozenset(
        """
    grow growing grow. improve improving better career careers develop developing development
    professionally professional personally skills skill success successful learn learning more
    advice help guidance mentor mentorship connect network networking pick brain things stuff
    everything anything something potential level next journey myself me my you your
    """.split()
    )
    | STOPWORDS
)

# --- the ask: how long ---------------------------------------------------------------------------

NUMBER_WORDS = {
    "five": 5,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "twenty-five": 25,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
}
_NUM = r"(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
MINUTE_RANGE = re.compile(_NUM + r"\s*(?:-|–|—|to|or)\s*" + _NUM + r"[\s-]*(?:min|mins|minutes?)\b")
MINUTES = re.compile(_NUM + r"[\s-]*(?:min|mins|minutes?)\b")
HALF_HOUR = re.compile(r"\bhalf(?:\s+an|-an)?[\s-]+hour\b|\bhalf-hour\b")
QUARTER_HOUR = re.compile(r"\bquarter\s+of\s+an\s+hour\b")
HOURS = re.compile(
    r"\b(?:an|one|1|a\s+full|a\s+whole|a\s+single)[\s-]+hour(?:[\s-]+long)?\b|\bhour-long\b|"
    r"\b(?:\d{1,2}|two|three|four|few|couple\s+of|several)[\s-]+hours?\b"
)
DAYS = re.compile(
    r"\b(?:for|spend|spending|shadow\s+you\s+for)\s+(?:a|an|one|two|a\s+few|a\s+couple\s+of|"
    r"the|a\s+whole|a\s+full)\s+(?:day|days|afternoon|morning|week|weeks|weekend)\b|"
    r"\b(?:a|one|two|half)[\s-]day\s+(?:workshop|visit|session)\b"
)
# A length after these words is about the past, not the ask ("I spent 45 minutes on ...").
NOT_ASK_BEFORE = re.compile(r"(?:\bspent|\bspend|\btook|\bfor\s+the\s+(?:last|past)|\bevery)\s*$")
NOT_ASK_AFTER = re.compile(r"^\s*(?:ago|earlier|before)\b")
# A sentence that asks for something: lengths elsewhere are about something else.
ASKS = re.compile(
    r"\?|\b(?:could|would|can|may|might)\s+(?:i|we|you)\b|\bi(?:'d|\s+would)\s+(?:like|love|be\s+"
    r"grateful|appreciate|value)|\bi\s+need\b|\bgrateful\s+for\b|\bspare\b|\bhappy\s+to\b|"
    r"\bask(?:ing)?\s+(?:you\s+)?for\b|\bplease\b|\bwilling\b|\bopen\s+to\b|\blet'?s\b|"
    r"\bwould\s+(?:love|like|appreciate|be\s+grateful)\b|"
    r"(?:^\s*|[.?!]\s*)(?:call|phone|ring|meet|email|message|text)\s+me\b"
)

# --- courtesy and flexibility --------------------------------------------------------------------

THANKS = re.compile(r"\bthank(?:s|\s+you|ful|ing)?\b|\bgrateful\b|\bgratitude\b|\bappreciat\w*")
FLEXIBLE = re.compile(
    "|".join(
        [
            r"\bflexib\w*",
            r"\bconvenien\w*",
            r"\bno\s+pressure\b",
            r"\baround\s+you(?:r)?\b",
            r"\bfit\s+(?:in\s+with\s+)?you(?:r)?\b",
            r"\bwhen\s+you\s+have\s+(?:time|a\s+moment|a\s+minute)\b",
            r"\bsuits?\s+you\b",
            r"\bworks?\s+(?:best\s+)?for\s+you\b",
            r"\bgood\s+for\s+you\b",
            r"\bwhenever\b",
            r"\bany\s*(?:time|day|week|moment)\b",
            r"\bunderstand\s+(?:completely\s+|entirely\s+|fully\s+|perfectly\s+)?(?:if|that)\b",
            r"\badapt\s+to\b",
            r"\badjust\s+to\b",
            r"\bif\s+you\s+(?:have|can\s+spare|are\s+able|find)\b",
            r"\byour\s+(?:schedule|calendar|availability)\b",
            r"\bno\s+rush\b",
            r"\bwhatever\s+(?:time|day|works|suits)\b",
            r"\bat\s+your\s+(?:pace|leisure)\b",
        ]
    )
)

# --- shouting ------------------------------------------------------------------------------------

ACRONYMS = frozenset(
    """
    AI API AWS CEO CFO COO CTO CPO CV EU FAQ GDPR HR ICU IT KPI KPIS LGBTQ MBA MSC MA BA BSC NASA
    NGO NHS OKR OKRS PHD PM PTA QA RN SEN SQL SRE STEM UI UK UN US USA UX VP CSS HTML JS PDF SAAS
    B2B B2C GP ER MRI CT ESG ROI UCL MIT IBM SAP AWS GCP ML NLP LLM CRM ERP SEO PR R&D NYC LA SF
    OK ASAP FYI TL;DR
    """.split()
)
CAPS_WORD = re.compile(r"\b[A-Z][A-Z'&]+\b")
PUNCT_RUN = re.compile(r"[!?]{2,}")
