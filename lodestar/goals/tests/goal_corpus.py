"""Labelled example goals for measuring the vague-goal heuristic.

Written by hand for this purpose, before the heuristic existed. None of these
sentences (nor fragments picked from them) may be copied into the lexicon:
the point is an honest measure of how the heuristic does on goals it was not
built from.

Labelling rule ("vague" = True): a mentor reading the goal could not tell what
concrete skill, outcome, audience or situation the person means. The object is
generic (career, skills, job, stuff, potential, success...), a broad soft skill
or field with no context ("improve my communication skills", "learn about
finance"), a buzzword string, or a request for a mentor rather than a goal.
Numbers and dates do not rescue a vague goal ("be 10x better at my job").

"vague" = False: the goal names a concrete skill, tool, credential, role,
audience, deliverable or situation, even if it still lacks a measure or a date
(those are separate findings, not vagueness).

Three splits:
- "dev": used while tuning the heuristic's weights and thresholds.
- "holdout": written at the same time as "dev" and not evaluated until tuning was
  over; but the lexicon was written right after both, with them in view, so it
  is not a clean hold-out (fragments that had leaked into the lexicon were taken
  out again before any measurement was kept).
- "fresh": written after the heuristic and lexicon were frozen, in fields the
  other splits do not cover, and evaluated once. This is the honest number.
"""

from __future__ import annotations

from typing import NamedTuple


class Example(NamedTuple):
    text: str
    vague: bool
    field: str
    split: str = "dev"
    note: str = ""


V, S = True, False

DEV: list[Example] = [
    # --- vague -----------------------------------------------------------------
    Example("I need a mentor", V, "general", note="request for a mentor, not a goal"),
    Example("Get better", V, "general"),
    Example("Grow my career", V, "general"),
    Example("Be more successful", V, "general"),
    Example("Learn more stuff", V, "general"),
    Example("I want to improve my skills", V, "software"),
    Example("Become a better nurse", V, "nursing"),
    Example("Get better at my job", V, "general"),
    Example("Advance in finance", V, "finance"),
    Example("Be a great teacher", V, "teaching"),
    Example("Improve my design skills", V, "design"),
    Example("Sell more", V, "sales"),
    Example("Make a bigger impact in government", V, "public sector"),
    Example("Do better research", V, "research"),
    Example("Get better at the trade", V, "trades"),
    Example("Develop myself professionally", V, "general"),
    Example(
        "Leverage synergies to drive impactful outcomes across the organization",
        V, "general", note="specific-sounding buzzwords",
    ),
    Example("Take my leadership to the next level", V, "general"),
    Example("Unlock my full potential and develop a growth mindset", V, "general"),
    Example("Be 10x better at my job", V, "general", note="vague with numbers"),
    Example("Improve 100% in 2025", V, "general", note="vague with numbers"),
    Example("Grow my career in the next 12 months", V, "general", note="vague with a time frame"),
    Example("Learn 3 new things this year", V, "general", note="vague with numbers"),
    Example("Become a world-class engineer", V, "software", note="specific-sounding"),
    Example("Be more confident at work", V, "general"),
    Example("Improve my communication skills", V, "general"),
    Example("I wish to be more good in my work", V, "general", note="non-native phrasing"),
    Example("Need mentor for help me in career", V, "general", note="non-native phrasing"),
    Example("I want to know more about many things in IT", V, "software",
            note="non-native phrasing"),
    Example("Become a thought leader in my space", V, "general"),
    Example("Find my passion", V, "general"),
    Example("Figure out what to do next with my life", V, "general"),
    Example("Have a better work-life balance", V, "general"),
    Example("Be a better manager for my team", V, "general"),
    Example("Get to the next level in sales", V, "sales"),
    Example("Improve patient care", V, "nursing", note="domain words but no concrete aim"),
    Example("Make more money", V, "finance"),
    Example("Learn about finance", V, "finance", note="names a field only"),
    Example("Optimize my professional brand for maximum impact", V, "marketing"),
    Example("Be the best designer I can be", V, "design"),
    Example("Keep growing as a researcher", V, "research"),
    Example("Get some experience", V, "general"),
    Example("Be a good leader", V, "general"),
    Example("Get better at presenting", V, "general", note="a skill but no audience or context"),
    # --- specific --------------------------------------------------------------
    Example("Pass the AWS Solutions Architect Associate exam by June", S, "software",
            note="short but specific"),
    Example("Learn SQL well enough to write the monthly sales reports myself", S, "software"),
    Example("Present our quarterly budget variance to the board without reading from slides",
            S, "finance"),
    Example("Move from backend developer to engineering manager of a team of five", S, "software"),
    Example("Pass the NCLEX-RN on my first attempt", S, "nursing"),
    Example("Become the charge nurse on my ward's night shift", S, "nursing"),
    Example("Reduce medication documentation errors on my unit by half", S, "nursing"),
    Example("Pass CFA Level I in the November sitting", S, "finance"),
    Example("Build a three-statement financial model for a SaaS company from scratch", S,
            "finance"),
    Example("Design and run a project-based unit on fractions for my Year 5 class", S, "teaching"),
    Example("Cut the time I spend marking essays from 10 hours to 6 hours a week", S, "teaching"),
    Example("Get my teaching license transferred to Ontario", S, "teaching"),
    Example("Put together a UX portfolio with three case studies for product design roles",
            S, "design"),
    Example("Learn Figma auto-layout and component variants to rebuild our design system",
            S, "design"),
    Example("Close two enterprise deals above $50k this quarter", S, "sales"),
    Example("Learn to handle pricing objections on discovery calls", S, "sales"),
    Example("Move from account executive to sales team lead", S, "sales"),
    Example("Write a policy brief on housing subsidies for the city council", S, "public sector"),
    Example("Get promoted from policy officer to senior policy advisor in the ministry",
            S, "public sector"),
    Example("Lead the procurement for our department's new case management system",
            S, "public sector"),
    Example("Publish my first first-author paper in a peer-reviewed journal", S, "research"),
    Example("Submit an NIH R01 grant application for the February deadline", S, "research"),
    Example("Learn mixed-effects models in R for my longitudinal data", S, "research"),
    Example("Get my journeyman electrician license", S, "trades"),
    Example("Start my own plumbing business with two vans", S, "trades"),
    Example("Learn to weld TIG on aluminium for boat repairs", S, "trades"),
    Example("Learn Kubernetes", S, "software", note="short but specific"),
    Example("Get my CPA", S, "finance", note="short but specific"),
    Example("I want improve my english for meetings with clients from Germany", S, "sales",
            note="non-native phrasing"),
    Example("Want learning Python for make data analysis in my lab", S, "research",
            note="non-native phrasing"),
    Example("become senior developer in fintech company until 2027", S, "software",
            note="non-native phrasing, lower case"),
    Example("Speak at a regional nursing conference about our falls-prevention project",
            S, "nursing"),
    Example("Run a 5-day design sprint with our marketing team", S, "design"),
    Example("Transition from a mechanical engineering role into product management at a "
            "hardware startup", S, "engineering"),
    Example("Understand how our hospital's budget is set so I can argue for a second night nurse",
            S, "nursing"),
    Example("Mentor two junior developers through their first production release", S, "software",
            note="'mentor' as a verb"),
    Example("Get the PMP certification before my contract renewal", S, "general"),
    Example("Negotiate a salary of at least 70,000 euros at my next job", S, "general"),
    Example("Learn to give feedback to engineers who are older than me without sounding "
            "defensive", S, "software", note="soft skill, but a concrete situation"),
    Example("Switch my classroom from paper worksheets to Google Classroom", S, "teaching"),
    Example("Become fluent enough in Spanish to run patient intake without an interpreter",
            S, "nursing"),
    Example("Apply for the civil service fast stream", S, "public sector", note="lower case"),
    Example("Automate invoice reconciliation in Excel with Power Query", S, "finance"),
    Example("Get 10 paying customers for my Etsy shop", S, "sales"),
]

HOLDOUT: list[Example] = [
    # --- vague -----------------------------------------------------------------
    Example("Become more knowledgeable", V, "general", "holdout"),
    Example("Improve at work in general", V, "general", "holdout"),
    Example("I want to be a better accountant", V, "finance", "holdout"),
    Example("Grow as a UX designer", V, "design", "holdout"),
    Example("Be more productive", V, "general", "holdout"),
    Example("Step up my game in teaching", V, "teaching", "holdout"),
    Example("Be good at my new role in the ministry", V, "public sector", "holdout",
            note="names a place, but not what 'good' means"),
    Example("Expand my horizons", V, "general", "holdout"),
    Example("Want to be expert in many technologies", V, "software", "holdout",
            note="non-native phrasing"),
    Example("Get ahead in my company", V, "general", "holdout"),
    Example("Develop strong leadership qualities in 2026", V, "general", "holdout",
            note="vague with a year"),
    Example("Be 50% more effective", V, "general", "holdout", note="vague with numbers"),
    Example("Learn a lot of new skills this year", V, "general", "holdout"),
    Example("Improve my technical skills", V, "software", "holdout"),
    Example("Have more impact as a nurse", V, "nursing", "holdout"),
    Example("Do well in sales", V, "sales", "holdout"),
    Example("Progress my research career", V, "research", "holdout"),
    Example("Become a master of my craft", V, "trades", "holdout"),
    Example("Someone to guide me in my job", V, "general", "holdout", note="mentor request"),
    Example("Work on myself", V, "general", "holdout"),
    # --- specific --------------------------------------------------------------
    Example("Get the Certified Kubernetes Administrator certification before September",
            S, "software", "holdout"),
    Example("Lead the migration of our billing service from PHP to Go", S, "software", "holdout"),
    Example("Become a clinical nurse educator on the cardiac unit", S, "nursing", "holdout"),
    Example("Learn to read an ECG strip without asking the senior nurse", S, "nursing", "holdout"),
    Example("Pass the ACCA Financial Reporting paper", S, "finance", "holdout"),
    Example("Build a discounted cash flow model for our acquisition target", S, "finance",
            "holdout"),
    Example("Run a parent workshop on reading at home for Year 2 families", S, "teaching",
            "holdout"),
    Example("Get a head of department post at a secondary school", S, "teaching", "holdout"),
    Example("Redesign the checkout flow to cut drop-off", S, "design", "holdout"),
    Example("Pitch our analytics product to three hospital procurement teams", S, "sales",
            "holdout"),
    Example("Hit 120% of my quarterly quota", S, "sales", "holdout", note="short, with numbers"),
    Example("Draft the consultation response on the new zoning rules", S, "public sector",
            "holdout"),
    Example("Move to a policy role in the Ministry of Health", S, "public sector", "holdout"),
    Example("Defend my PhD thesis on soil microbiomes", S, "research", "holdout"),
    Example("Get a postdoc in a marine biology lab in Norway", S, "research", "holdout"),
    Example("Qualify as a Gas Safe registered engineer", S, "trades", "holdout"),
    Example("Learn to quote kitchen renovation jobs accurately", S, "trades", "holdout",
            note="lower case, no names"),
    Example("I want to make good presentation for investors of my startup in English",
            S, "general", "holdout", note="non-native phrasing"),
    Example("Write unit tests for the legacy payroll module", S, "software", "holdout"),
    Example("Set up a monthly lunch-and-learn for the data team", S, "software", "holdout"),
]

FRESH: list[Example] = [
    # --- vague -----------------------------------------------------------------
    Example("Be more visible at work", V, "general", "fresh"),
    Example("Get better at handling stress at work", V, "general", "fresh"),
    Example("Become a more rounded professional", V, "general", "fresh"),
    Example("Climb the ladder faster", V, "general", "fresh"),
    Example("Improve how I work with others", V, "general", "fresh"),
    Example("i want to grow in cybersecurity", V, "cybersecurity", "fresh",
            note="lower case; names a field only"),
    Example("Become a well-known name in the legal world", V, "law", "fresh"),
    Example("Do something meaningful in the nonprofit sector", V, "nonprofit", "fresh"),
    Example("Reach senior level eventually", V, "general", "fresh"),
    Example("Enhance my overall performance by 30%", V, "general", "fresh",
            note="vague with a number"),
    Example("Get more exposure to different parts of the business", V, "general", "fresh"),
    Example("Strengthen my soft skills", V, "general", "fresh"),
    Example("Improve my mindset and habits", V, "general", "fresh"),
    Example("Move forward in my pharmacy career", V, "pharmacy", "fresh"),
    Example("Learn everything about data science", V, "data science", "fresh"),
    Example("Be happier at my job in 2026", V, "general", "fresh", note="vague with a year"),
    Example("Please help me to grow up in my profession", V, "general", "fresh",
            note="non-native phrasing"),
    Example("Make my manager notice me more", V, "general", "fresh"),
    Example("Become an all-round better architect", V, "architecture", "fresh"),
    Example("Level up in logistics", V, "logistics", "fresh"),
    # --- specific --------------------------------------------------------------
    Example("Pass the bar exam in New York on the July sitting", S, "law", "fresh"),
    Example("Get my Series 7 licence", S, "finance", "fresh", note="short but specific"),
    Example("Open a second coffee shop location in Leeds", S, "hospitality", "fresh"),
    Example("Write three investigative features for the regional paper", S, "journalism",
            "fresh"),
    Example("Move from HR generalist to HR business partner for the sales division", S, "HR",
            "fresh"),
    Example("Get OSCP certified", S, "cybersecurity", "fresh", note="short but specific"),
    Example("Design the evacuation plan for our new warehouse", S, "logistics", "fresh"),
    Example("Introduce cover crops on the north fields to reduce soil erosion", S,
            "agriculture", "fresh"),
    Example("Learn to do medication reviews for elderly patients in care homes", S,
            "pharmacy", "fresh"),
    Example("Become a first officer on the A320 fleet", S, "aviation", "fresh"),
    Example("Cut our food waste in the hotel kitchen by 20 percent", S, "hospitality", "fresh"),
    Example("Train for the personal trainer level 3 qualification", S, "fitness", "fresh"),
    Example("Run the onboarding for the five new caseworkers joining in spring", S,
            "social work", "fresh"),
    Example("Translate my military logistics experience into a supply chain analyst job", S,
            "logistics", "fresh"),
    Example("Build a churn prediction model in scikit-learn for our subscription data", S,
            "data science", "fresh"),
    Example("Get my site supervisor safety card renewed", S, "construction", "fresh"),
    Example("want to pass driving test for truck license class C", S, "logistics", "fresh",
            note="non-native phrasing"),
    Example("Chair the faculty committee on exam scheduling", S, "academia", "fresh"),
    Example("Launch a donor newsletter that goes out every month", S, "nonprofit", "fresh"),
    Example("Negotiate a four-day week with my director", S, "general", "fresh"),
]

CORPUS: list[Example] = DEV + HOLDOUT + FRESH
