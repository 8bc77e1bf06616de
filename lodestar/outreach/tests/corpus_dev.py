"""Labelled messages, the "dev" split: written before the coach had any rule;
the coach was tuned on it.

The labelling rules are in outreach_corpus.py.
"""

from __future__ import annotations

from .corpus_base import E, Example

# --- shared texts for the duplicate examples ----------------------------------------------------

_GROW = ("Hi {name}, I'm a junior designer looking to grow. I've admired your work for a long "
         "time. Would you be open to a 20-minute call to share advice on growing as a designer? "
         "I'm flexible and grateful for any time. Thank you!")
_THESIS = ("Dear {name}, I'm a bioinformatics master's student preparing my thesis on spatial "
           "transcriptomics. I would be grateful for 20 minutes of your time to ask how you chose "
           "your research direction, how you found your first postdoc, and what skills mattered "
           "most. I am flexible with timing. Thank you for your time.")
_CORK = ("Dear {name}, I enjoyed your talk \"{work}\". I'm a primary teacher in Cork trying to "
         "bring more practical maths into my classroom. Could we talk for 15 minutes about how "
         "you plan practical lessons? I'm flexible and thankful for your time.")
_TRADE = ("Hello {name}, I am an apprentice in my third year and I want to become a site "
          "manager one day. Would you have 20 minutes for a call so I can ask which qualification "
          "to take first? Any time that suits you is fine. Many thanks.")


DEV: list[Example] = [
    E("Question about scaling a support team from 5 to 15", """
        Dear Priya,

        I watched your talk "Scaling support teams without burning out" and the part about
        rotating people off the queue for a week stayed with me.

        I lead a five-person support team at a logistics start-up, and we are about to triple
        in size this year. I am trying to plan the hiring and the on-call rota before it hurts.

        Would you be open to a 20-minute video call in the next few weeks? I would bring three
        questions: how you decided when to add a team lead, how you kept the rota fair as the
        team grew, and what you would do differently.

        I am flexible and happy to work around your schedule. Thank you for considering it.

        Best regards,
        Jonas
        """, "priya", note="the guide's anatomy, warm"),
    E("Your municipal budget article and a question about open data", """
        Hi Tomás, your article "Reading a municipal budget in an afternoon" helped me through my
        first council budget review last month. I'm a policy analyst at a regional transport
        authority and I'm trying to publish our spending data in a form residents can use. Could
        I ask you two questions about how you chose what to publish first, in a 15-minute call?
        Any week that suits you is fine with me. Thanks a lot, Ines
        """, "tomas", note="concise"),
    E("Mentorship", """
        Hi Priya, I really admire you. Will you be my mentor? Thanks, Sam
        """, "priya", "open_ended_ask", "weak_subject", "no_work_reference", "no_purpose",
      "no_time_bound_ask", "no_courtesy", note="the classic"),
    E("", """
        Hello, I am a nurse. I want you to mentor me and guide me in my career. Please reply soon.
        """, "amara", "open_ended_ask", "weak_subject", "no_work_reference", "no_purpose",
      "no_time_bound_ask", "no_courtesy"),
    E("Forms that people finish: a question from a junior designer", """
        Dear Ms Hoffmann,

        I read your article "Designing forms people actually finish" while redesigning the
        sign-up flow at the housing charity where I work as a junior product designer. Your
        point about asking one thing per screen changed how I framed the problem.

        I am trying to convince my team to test a shorter form, and I would value your view.
        Would you have 15 to 20 minutes for a short call in the coming weeks? I would like to ask
        how you measured completion, how you dealt with stakeholders who wanted more fields, and
        what you would test first in my place.

        I understand you are busy and will gladly fit around your calendar. Thank you very much
        for your time.

        Kind regards,
        Aisha Bello
        """, "lena", note="formal"),
    E("URGENT!!! NEED ADVICE", """
        Kenji, I WATCHED YOUR TALK ABOUT BECOMING A SITE MANAGER and I NEED TO KNOW HOW YOU DID
        IT!!! I'm an apprentice electrician and want to move up. Can we talk for 20 minutes this
        week?? Thanks
        """, "kenji", "shouting", "weak_subject", "no_courtesy"),
    E("Pricing a first SaaS product: could I learn from your experience?", """
        Hi Sofia, your article on what pricing your first SaaS product taught you is the most
        honest thing I've read on the topic. I co-founded a scheduling tool for dental clinics
        and we launch paid plans in June. Could we set up a one-hour call so I can walk you
        through our pricing page and get your feedback? I'm flexible on timing. Thank you!
        """, "sofia", "long_ask"),
    E("Single-cell pipelines and reproducibility", """
        Dear Dr Chen, I came across your write-up on reproducible pipelines for single-cell data
        while setting up the analysis for my PhD project on gut organoids. I'm trying to decide
        between Snakemake and Nextflow for a lab that has never used either. Would you be willing
        to chat about it sometime? I'd be happy to work around your schedule. Many thanks, Ravi
        """, "mei", "no_time_bound_ask"),
    E("Hello", """
        Dear Daniel, I loved your talk "Teaching fractions with cooking". I tried the pizza
        activity with my Year 5 class and they asked to do it again. I'm in my second year of
        teaching and want to build more hands-on maths lessons. Would you be open to a 15-minute
        call to talk about how you plan those lessons and how you assess them? I'm flexible with
        timing. Thank you so much, Grace
        """, "daniel", "weak_subject"),
    E("Advice on building an on-call rota for a growing team", """
        Hi Priya, I've followed your career for a while and I really admire your work. I manage a
        small infrastructure team at a bank and we are setting up our first on-call rota. Could I
        ask you three questions about it in a 20-minute call? I'm happy to fit around your
        schedule. Thank you, Marco
        """, "priya", "no_work_reference", note="the subject, not the body, echoes a title"),
    E("Open budget toolkit: bringing it to a small town", """
        Dear Tomás,

        I hope this message finds you well. My name is Rui and I have been working for the last
        four years in the finance department of a small municipality in the Alentejo region,
        where I started as an intern after finishing my degree in public administration and
        where I now look after the yearly budget preparation, the monthly reports to the council
        and, more and more, the questions that residents send us about where their taxes go.

        A colleague sent me the link to your open budget toolkit for city councils last winter,
        and I have spent many evenings since then reading the documentation, trying the demo
        with our own figures from last year and thinking about how we could make it work for a
        council that has no developer and only three people in finance. I also read the
        comments other councils left on the project page, which were very encouraging, and I
        made a short presentation for our mayor, who liked the idea but asked me how much work
        it would really be to keep it up to date every month.

        This is the part where I am stuck. I do not want to promise something we cannot keep,
        and I do not know how other small councils organised the monthly update or who in their
        team owns it. I am trying to prepare a realistic plan for the mayor before the summer.

        Would you be open to a 20-minute call in the coming weeks so I could ask you two or three
        questions about how small councils kept the data current? I am flexible and happy to
        work around your schedule, including early mornings or evenings.

        Thank you very much for reading this long message and for sharing your work so openly.

        With best regards,
        Rui Almeida
        """, "tomas", "too_long"),
    E("Question about night-shift handovers from a nurse in Manila", """
        Good day Ms Obi, I watched your talk about night-shift handovers that keep patients safe,
        and I shared it with my ward. I am a staff nurse for three years in a surgical ward and I
        want to start a handover checklist in my unit. If it is possible, could you give me 15
        minutes on a video call to ask two or three questions about how you got the doctors to
        use it? I can adjust to your time zone, any day is okay for me. Thank you very much for
        reading my message. Respectfully, Maricel
        """, "amara", note="non-native phrasing"),
    E("Advice on growing as a designer", _GROW.format(name="Lena"), "lena",
      "duplicate", "no_work_reference", "no_purpose",
      previous=(_GROW.format(name="Marta"), _GROW.format(name="Jorge"))),
    E("Electrician to site manager: three questions", """
        Hello Kenji, your talk "From electrician to site manager in five years" is the reason I
        signed up for a supervisor course. I'm a licensed electrician in Leeds, six years in, and
        I want to run my first small site within two years. Would you have 20 minutes for a call
        some time this month? I'd ask what you learned first, which certificate mattered most,
        and how you handled older crew members. Whatever time suits you works for me. Thanks for
        considering it, Tom
        """, "kenji"),
    E("Quick question", """
        Hey, can you look at my startup's pitch deck and tell me what you think? I can send it
        over. Let me know.
        """, "sofia", "weak_subject", "no_work_reference", "no_purpose", "no_time_bound_ask",
      "no_courtesy"),
    E("Your grant rejection write-up and my PhD", """
        Dear Dr Chen, your write-up on surviving your first grant rejection was exactly what I
        needed after my first fellowship application was turned down. I'm a second-year PhD
        student in computational biology. I was hoping you could guide me through the rest of my
        PhD with regular monthly calls. I'm flexible with time and thank you for reading.
        """, "mei", "open_ended_ask", "no_time_bound_ask"),
    E("Homework-free classroom: how did parents react?", """
        Daniel, I read "A classroom without homework: one year in". I teach Year 8 science and
        our school is debating a no-homework policy. I need 20 minutes with you on Thursday at
        4pm to ask how parents reacted, what happened to test results, and what you'd change.
        """, "daniel", "no_courtesy"),
    E("PLEASE READ: ON-CALL QUESTION", """
        Hi Priya, I read "The quiet cost of on-call" last week. I run the platform team at a
        payments company and I'm redesigning our on-call compensation. Could I ask you two
        questions about it in a 15-minute call? I'm flexible on timing. Thank you, Dev
        """, "priya", "shouting"),
    E("Shadowing request: budget transparency", """
        Dear Tomás, your open budget toolkit for city councils is what our town should use. I'm
        a councillor's assistant in Évora and I'd love to bring it here. Could I shadow you for a
        day at your office to see how you set it up with a council? I can travel whenever it
        suits you. Thank you for considering this.
        """, "tomas", "long_ask"),
    E("Hi Lena", """
        Hi Lena, hope you're well. I'd love to connect and pick your brain sometime.
        """, "lena", "weak_subject", "no_work_reference", "no_purpose", "no_time_bound_ask",
      "no_courtesy"),
    E("Becoming a site manager: a question about certificates", """
        Hi Kenji, I watched "From electrician to site manager in five years" twice. I'm a plumber
        in Osaka, eight years in the trade, and I'm preparing for the construction management
        exam next spring. Could we have a 45-minute call so I can ask about the exam, the first
        year as a manager and how you found a mentor yourself? I can adapt to your schedule.
        Thank you very much.
        """, "kenji", "long_ask"),
    E("Churn interviews at a two-person company", """
        Dear Sofia, your article "Churn interviews that tell you something" gave me the script I
        used for my first five customer calls last month. I run a small bookkeeping app for
        freelancers in Stockholm and I'm trying to understand why one in five customers leaves
        after the trial. Would you be open to a 15-minute call to discuss two questions: how you
        chose whom to interview, and how you turned the answers into product changes? I'm happy
        to fit around your schedule, and I completely understand if now isn't a good time. Thank
        you for considering it. Best wishes, Erik
        """, "sofia"),
    E("Choosing a research direction in spatial transcriptomics", _THESIS.format(name="Dr Chen"),
      "mei", "duplicate", "no_work_reference",
      previous=(_THESIS.format(name="Dr Okoye"), _THESIS.format(name="Prof. Silva"))),
    E("Your cooking-and-fractions lesson in my village school", """
        Dear Mr Daniel, I am teacher of mathematics in a primary school near Nakuru. I saw your
        video about teaching fractions with cooking and I try it with chapati, the children
        loved! I want to make more lessons like this but we have not much materials. Can I ask
        you maybe 15 minutes on phone or WhatsApp call, for two questions: how you prepare such
        lesson, and how you check the children understand? Any time good for you is good for me.
        Thank you very much, God bless. Wanjiru
        """, "daniel", note="non-native phrasing"),
    E("Your talk on scaling support teams", """
        Hi Priya, I watched your talk "Scaling support teams without burning out" and thought it
        was brilliant. Would you be up for a 15-minute chat sometime? No pressure at all, and
        thank you either way. Chris
        """, "priya", "no_purpose"),
    E("Learning budget analysis: could you be my guide?", """
        Hi Tomás, I read "Reading a municipal budget in an afternoon" and it opened my eyes. I'm
        a journalist covering local government in Porto and I want to get much better at reading
        budgets. Would you be willing to be my mentor on an ongoing basis, with a call every
        couple of weeks? I'm flexible and very grateful for any time.
        """, "tomas", "open_ended_ask", "no_time_bound_ask"),
    E("Nurse preceptor programme in a rural clinic", """
        Dear Amara,

        I am writing to you from a small rural clinic in the north of Ghana where I have worked
        as a nurse for the past nine years, first on the general ward and for the last three as
        the senior nurse responsible for the new graduates who join us every year after their
        training. Every year we receive four or five young nurses who are full of energy but
        have never worked nights alone, never managed a deteriorating patient without a doctor
        close by, and never had to talk to a family about bad news. Many of them leave for the
        city within two years, and I believe part of the reason is that we do not support them
        well enough in the first months.

        When I found your write-up about building a nurse preceptor programme, I read it three
        times and made notes for my matron. The idea of pairing each new nurse with one
        experienced colleague for the whole first quarter, with protected time every week, is
        exactly what we are missing, but I do not know how to make it work when we are already
        short of staff and the preceptors would have to give up their breaks.

        I have also been thinking about how to measure whether it works, because our district
        office will only support it if I can show numbers, and about how to choose the
        preceptors so that it does not become one more burden for the same few people.

        I would be so grateful if we could talk about this sometime, whenever you have a moment.
        Thank you for your work and for sharing it.

        Warm regards,
        Abena
        """, "amara", "too_long", "no_time_bound_ask"),
    E("Accessible palettes for our hospital dashboards", """
        Hi Lena, I used your accessible colour palettes project to fix the charts on our
        hospital's bed-occupancy dashboard, and two colour-blind colleagues can finally read
        them. I'm a data analyst moving into product design. Could I have 20 minutes of your time
        for three questions about building a design portfolio from analytics work? Happy to work
        around your calendar. Thanks so much, Pedro
        """, "lena"),
    E("MENTOR NEEDED", """
        PLEASE BE MY MENTOR!!! I want to be site manager like you. I will do anything. Call me any
        time.
        """, "kenji", "shouting", "open_ended_ask", "weak_subject", "no_work_reference",
      "no_time_bound_ask", "no_courtesy"),
    E("Request", """
        Hello Sofia, after reading "What pricing our first SaaS product taught me" I rewrote our
        pricing page around two plans instead of four. I'm the product manager of a small HR tool
        in Lisbon and we're about to raise prices for the first time. Would you be open to a
        20-minute call about how you told existing customers? I'm flexible on time and grateful
        for any advice. Thank you, Beatriz
        """, "sofia", "weak_subject"),
    E("Grant rejection: what reviewers look for", """
        Dr Chen, I read your piece on surviving your first grant rejection. I'm a postdoc in
        immunology and my first R01 was triaged. Can we do a 15-minute call tomorrow at 10:00 to
        go over what reviewers look for?
        """, "mei", "no_courtesy"),
    E("Hands-on maths lessons: would you mentor me?", """
        Dear Daniel, your talk "Teaching fractions with cooking" changed how I plan my Year 4
        lessons. I'm a newly qualified teacher in Glasgow trying to make maths less frightening
        for my pupils. Would you be my mentor this year? I'd love to learn from you. I'm flexible
        and thank you for reading.
        """, "daniel", "open_ended_ask", "no_time_bound_ask"),
    E("Burnout on a support team: one question", """
        Hi Priya, I read "The quiet cost of on-call" on my phone during my own on-call week,
        which felt fitting. I lead customer support at a 40-person fintech and two people on my
        team are close to burning out. Could I have half an hour of your time, whenever suits
        you, to ask what you changed first when you saw the signs? Thank you, I know your time
        is valuable. Noor
        """, "priya", note="half an hour is not over 30 minutes"),
    E("Introduction", """
        Hello Tomás, my name is Ana and I'm an economics graduate applying for analyst roles in
        local government. I'd like to understand what the day-to-day work looks like and which
        skills matter most. Would you have 15 minutes for a call in the next month? I'm happy to
        fit your schedule. Thank you!
        """, "tomas", "weak_subject", "no_work_reference"),
    E("Starting a preceptor programme at our hospital", """
        Dear Amara, your preceptor programme write-up is the best plan I've seen. I'm a nurse
        educator at a 200-bed hospital in Accra and we want to start one next year. Could we
        spend a few hours together going through your materials? I can work around your
        availability. Thank you so much.
        """, "amara", "long_ask"),
    E("Your forms article changed my week!!!", """
        Hi Lena!!! I read "Designing forms people actually finish" and redesigned our checkout
        form the same day!!! I'm a front-end developer at a small bookshop and I want to learn
        how to run a usability test properly. Could we chat for 15 minutes? Whenever works for
        you. Thanks a million!!!
        """, "lena", "shouting"),
    E("Connecting", """
        Hi Kenji, I saw your talk about going from electrician to site manager. Let's connect!
        Would you have 15 minutes for a call? Thanks, and whenever suits you.
        """, "kenji", "weak_subject", "no_purpose"),
    E("Raising prices without losing our first customers", """
        Hi Sofia,

        I'm Leo, co-founder of a two-person company that sells booking software to yoga and
        pilates studios in the Netherlands and Belgium. We started three years ago as a side
        project, went full time eighteen months ago, and now have about 140 paying studios.

        I read "What pricing our first SaaS product taught me" on a train last week and laughed
        out loud at the part about the spreadsheet with forty columns, because I have the same
        spreadsheet. Your point that the first price is a guess you are allowed to change was a
        relief to read.

        Here is where we are: our price has not changed since the first month, it is clearly too
        low for the larger studios, and the smaller ones tell us they would leave if it went up.
        We have talked about tiers by number of instructors, by number of locations, or by
        features like payroll export, and every option seems to hurt someone. We are also not
        sure whether to move existing customers to the new plans straight away, give them a
        year at the old price, or keep them on it forever.

        I would be grateful for a 20-minute call to ask you three questions: how you chose what
        to tier on, how you told your existing customers, and what you would do differently.
        I can share our numbers beforehand if that helps. I'm flexible and happy to work around
        your schedule, and I understand completely if you cannot fit it in.

        Thank you for writing so openly about it.

        Best,
        Leo
        """, "sofia", "too_long"),
    E("Single-cell analysis: could you take me on?", """
        Dear Dr Chen,

        My name is Hana and I am a first-year PhD student in a developmental biology lab in
        Kyoto. Our lab has always done imaging and in situ work, and this year my supervisor
        decided that my project would include single-cell RNA sequencing of zebrafish fin
        regeneration. Nobody in the lab has done this kind of analysis before, and the core
        facility only runs the sequencing, so I am learning everything from tutorials and papers.

        I found your material on reproducible pipelines for single-cell data and it was the first
        resource that explained why each step is there instead of only how to run it. I have
        followed it to set up a small test analysis on public data, and I now understand much
        better what I do not understand, which I think is progress.

        I am writing because I feel very alone with this part of my project and I worry about
        making choices in the first year that I will regret in my last. I would be so grateful
        if you could be my mentor for the coming years of my PhD, and meet me regularly to look
        at my analysis and tell me whether I am on the right path. I know this is a lot to ask
        from someone I have never met, and I would of course adapt to any schedule that suits
        you, even very early or very late in Japan.

        Thank you very much for reading my message and for making your material public.

        Sincerely,
        Hana Sato
        """, "mei", "too_long", "open_ended_ask", "no_time_bound_ask"),
    E("Practical maths lessons", _CORK.format(name="Daniel", work="Teaching fractions with cooking"),
      "daniel", "duplicate",
      previous=(_CORK.format(name="Siobhan", work="Maths outdoors for small schools"),
                _CORK.format(name="Aoife", work="Counting games for mixed-age classes"))),
    E("Support team structure at a 40-person company", """
        Hi Priya, your talk "Scaling support teams without burning out" answered half the
        questions I had about splitting our queue by product. I'm the first support hire at a
        hardware start-up and the founders asked me to plan the team for next year. Could I ask
        you two questions in a 15-minute call, whenever suits you? Thank you, Laila
        """, "priya", previous=(
        """Hello Daniel, your article on escalation paths between support and engineering
        helped me write ours. I'm the first support hire at a hardware start-up. Could we speak
        for 15 minutes about how you staffed the second tier? Thanks, and any time works.""",
        """Dear Lucia, I enjoyed your podcast episode on hiring support agents abroad. I'm
        hiring our first two agents in Lisbon and would love 15 minutes to ask about contracts.
        I can fit around your week. Thank you!"""),
      note="previous messages exist but each was written for its mentor"),
    E("Help", """
        Can you help me get a job at your company?
        """, "tomas", "weak_subject", "no_work_reference", "no_time_bound_ask", "no_courtesy"),
    E("Handover checklist: how did you measure the effect?", """
        Dear Amara, thank you for sharing "Night-shift handovers that keep patients safe". I'm a
        charge nurse on a cardiology ward in Lyon and we introduced a handover checklist in
        January. I'd like to know how you measured whether it reduced incidents. Would 10 minutes
        on the phone be possible, at whatever time suits you? With thanks, Claire
        """, "amara"),
    E("Would you take me under your wing?", """
        Hi Lena, I just finished a UX bootcamp and I've loved everything you've posted about
        designing forms people actually finish. I'd be so grateful if you could take me under
        your wing while I look for my first design job. I'm flexible whenever you are. Thanks!
        """, "lena", "open_ended_ask", "no_time_bound_ask", "weak_subject"),
    E("First site-manager role: a quick call?", """
        Hi Kenji, I watched your talk about going from electrician to site manager in five years.
        I'm a joiner in Cork and I've just been offered my first site-supervisor role. Could we
        have a quick 20 min chat about what you wish you had known in your first month? I'm
        grateful for any time and flexible on when. Thank you!
        """, "kenji"),
    E("Pricing workshop for our team", """
        Dear Sofia, your pricing article ("What pricing our first SaaS product taught me") is
        required reading for our team. We're a six-person analytics start-up in Tallinn about to
        introduce our first paid tier. Would you run a 2-hour workshop with us on pricing? We can
        work around your availability and would of course be grateful. Thank you!
        """, "sofia", "long_ask"),
    E("Coffee chat about reproducible pipelines?", """
        Hi Mei, your reproducible pipelines for single-cell data saved our lab weeks. I'm the new
        research software engineer in a neuroscience lab and I want to introduce containers to
        our pipelines. Would you be up for a coffee chat? Happy to fit your schedule, and thank
        you for making it public.
        """, "mei", "no_time_bound_ask"),
    E("PTA maths night and your fractions talk", """
        Dear Daniel, I teach STEM at a primary school in Durban and run our PTA maths night. I
        used your talk "Teaching fractions with cooking" with our SEN group and the results were
        lovely. I'm planning a parents' workshop on maths at home for June. Could I ask you two
        questions about it in a 15-minute call? I'm flexible on timing. Thank you, Thandi
        """, "daniel", note="acronyms are not shouting"),
    E("", """
        Hi Priya, I read "The quiet cost of on-call" and recognised my team in every paragraph.
        I'm an SRE lead at a travel company and we're reducing pages at night. Could I ask you
        three questions about how you measured the cost, in a 20-minute call? I'm flexible and
        grateful for your time. Thanks, Oskar
        """, "priya", "weak_subject"),
    E("Budget toolkit: deployment question", """
        Hello Tomás, I'm a developer at the city of Braga and we're evaluating your open budget
        toolkit for city councils. I'd like to understand how other councils host it and who
        maintains the data. Could we talk for 15 minutes next month? Any day that suits you
        works for me. Best, Filipe
        """, "tomas", "no_courtesy", note="flexible, but no thanks"),
    E("Night-shift handovers on a paediatric ward", """
        Dear Amara, thank you for your talk "Night-shift handovers that keep patients safe". I'm
        a paediatric nurse in Nairobi and we want to adapt your checklist for children. Could we
        talk for 15 minutes on Monday at 9:00 my time?
        """, "amara", "no_courtesy", note="thanks, but a fixed slot"),
    E("Your forms article", """
        Hi Lena, your forms article is amazing, you are so talented. Could we do a 15-minute
        call? Thank you, whenever works for you.
        """, "lena", "no_purpose"),
    E("Talking about a long-term mentorship", """
        Hi Kenji, your talk "From electrician to site manager in five years" inspired me. I'm an
        electrician in Manchester aiming to become a site manager. Could we have a 20-minute call
        to discuss a long-term mentorship? I'm flexible and thankful for your time.
        """, "kenji", "open_ended_ask", "weak_subject"),
    E("Two questions about churn interviews", """
        Hi Sofia, your churn-interviews article helped me a lot. I run growth at a meal-kit
        start-up and our churn doubled this quarter. Could I ask you two questions about
        interview scripts in a 15-minute call, at any time that suits you? Thanks!
        """, "sofia", note="very short, complete"),
    E("Question", """
        Dear Dr Chen, I'm a master's student in bioinformatics and I read your write-up on
        reproducible pipelines for single-cell data. I'm choosing a workflow manager for my
        thesis. Could I ask you one question about it in 15 minutes, whenever suits you? Many
        thanks, Lucas
        """, "mei", "weak_subject"),
    E("Your talk was AMAZING", """
        Hi Daniel, I am SO SO excited, your talk on teaching fractions with cooking was AMAZING
        and I REALLY want to try it. I'm a student teacher in Kampala planning my first maths
        unit. Could I ask you two questions in a 15-minute call? Whenever suits you, thank you!
        """, "daniel", "shouting", "weak_subject"),
    E("Weekly calls about support leadership?", """
        Hi Priya, your talk "Scaling support teams without burning out" is the reason I applied
        for my team-lead role. I start next month leading eight agents at a telecom company.
        Would you be open to weekly 30-minute calls while I settle in? I'm flexible and
        grateful for any help.
        """, "priya", "open_ended_ask"),
    E("Open data at a regional council", """
        Dear Tomás, thank you for "An open budget toolkit for city councils". I'm an analyst at a
        regional council in Galicia and we want to publish our budget the same way. Could we have
        a 30 to 45 minute call about how you handled the first publication? I'm happy to work
        around your schedule.
        """, "tomas", "long_ask"),
    E("Handover checklist for a new unit", """
        Dear Amara, I watched "Night-shift handovers that keep patients safe" with my team. I'm
        the nurse manager of a new step-down unit in Toronto and we're writing our handover
        process from scratch. Would you have 15–20 minutes for a call to answer two questions
        about how you trained the night staff? I'm flexible on dates and very grateful for your
        time.
        """, "amara", note="en dash range"),
    E("Design question from a developer", """
        Hi Lena, I've admired your work for years. I'm a front-end developer at an insurance
        company and I'm redesigning our claims form. Could I ask you two questions about long
        forms in a 20-minute call? I'm flexible and thank you for considering it.
        """, "lena", "no_work_reference", "weak_subject"),
    E("Site manager path", _TRADE.format(name="Kenji"), "kenji", "duplicate", "no_work_reference",
      previous=(_TRADE.format(name="Kenji"), _TRADE.format(name="Ruth"),
                _TRADE.format(name="Mark")), note="sent word for word"),
    E("Lunch to talk pricing?", """
        Hi Sofia, I read "What pricing our first SaaS product taught me" twice. I'm launching a
        language-learning app in Malmö and I'm stuck between per-seat and flat pricing for
        schools. Could I take you to lunch sometime to ask about it? I'm flexible and thank you!
        """, "sofia", "no_time_bound_ask"),
    E("Request for guidance", """
        Respected madam, kindly guide me for my career in bioinformatics and be my mentor. I am
        fresher. Kindly do the needful.
        """, "mei", "open_ended_ask", "weak_subject", "no_work_reference", "no_purpose",
      "no_time_bound_ask", "no_courtesy", note="non-native phrasing"),
]
