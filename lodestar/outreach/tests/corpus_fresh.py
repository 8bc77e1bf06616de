"""Labelled messages, the "fresh" split: written after the coach was frozen and
evaluated once.

The labelling rules are in outreach_corpus.py.
"""

from __future__ import annotations

from .corpus_base import E, Example

_HERITAGE = ("Dear {name}, I am a second-year carpentry student and I'm interested in heritage "
             "restoration. Would you be open to a 15-minute call to tell me how you got started "
             "and which skills I should focus on? I'm flexible and I'd be grateful for your time. "
             "Thank you.")
_APP = ("Hi {name}, I'm a self-taught Flutter developer building a savings app for market "
        "traders in Lagos. Could I ask you two questions about offline-first design in a "
        "15-minute call? Whenever suits you is fine, and thank you!")

# Written after the coach was frozen, in fields and phrasings the dev split does not use.
FRESH: list[Example] = [
    E("Hiring our first data scientist: two questions", """
        Hello Ines, I found your article "Hiring your first data scientist" while drafting a job
        ad last week, and your list of interview tasks was exactly what I was missing. I'm the
        engineering manager at a 30-person e-commerce company in Porto and we want to make our
        first data hire in the autumn. Could we talk for about 15 minutes, at a time that suits
        you? I'd like to ask how you assessed take-home tasks and what the first 90 days should
        look like. Many thanks in advance, Duarte
        """, "ines", split="fresh"),
    E("Low-bandwidth apps: would you consider mentoring me?", """
        Hi Olu, your talk "Shipping mobile apps for low-bandwidth markets" convinced me to
        rewrite our app's image loading. I'm a junior Android developer in Kumasi building a
        farm-prices app. Would you consider mentoring me over the next six months? Thank you, and
        no pressure at all.
        """, "olu", "open_ended_ask", "no_time_bound_ask", split="fresh"),
    E("New manager", """
        Hi Hannah, I just became a manager of five engineers and I'm finding it hard to stop
        coding myself. Would you have 20 minutes for a chat about how you made that shift? I'm
        flexible on timing. Thanks!
        """, "hannah", "no_work_reference", split="fresh"),
    E("Barn restoration: could I visit a site?", """
        Dear Rafael, your series on restoring timber-frame barns is the reason I went back to
        carpentry school. I'm in my final year and I'm deciding whether to specialise in heritage
        work. Could I join you on site for an afternoon to see how you approach the joinery? I'd
        fit in with whatever suits your crew. Thank you for considering it. Kind regards, Ben
        """, "rafael", "long_ask", split="fresh"),
    E("Patient-first design in rare disease trials: a question from Brazil", """
        Dear Dr Tanaka, I read with great interest your paper about patient-first design of
        clinical trials for rare diseases. I am a clinical research coordinator in São Paulo and
        our team is preparing the first trial for a rare metabolic disorder in our hospital. I
        would be very grateful if you could spare 20 minutes for a video call, so I could ask you
        about how you involved the patient associations and how you reduced travel for families.
        I am available at any hour that is convenient for you. Thank you very much for your
        attention. Best regards, Mariana Souza
        """, "yuki", split="fresh", note="non-native phrasing"),
    E("Hi!", """
        Hi Ines, big fan of your A/B testing field guide. Would love 15 minutes of your time
        whenever you're free. Thanks!
        """, "ines", "weak_subject", "no_purpose", split="fresh"),
    E("Need help ASAP", """
        Olu I NEED HELP WITH MY APP LAUNCH NEXT WEEK. I watched your low-bandwidth talk. Can you
        give me 15 minutes tomorrow?
        """, "olu", "shouting", "weak_subject", "no_courtesy", split="fresh"),
    E("From accidental manager to deliberate one", """
        Dear Hannah,

        I hope you are keeping well. I am a nurse by training and for the past decade I have
        worked in clinical informatics at a regional hospital trust, first as an analyst
        supporting the electronic patient record roll-out, then as the person the wards called
        when something in the system did not behave, and since last October as the manager of
        the small team that looks after our clinical systems. Nobody asked me whether I wanted to
        manage; my manager left, the post was frozen, and I was the one who knew where
        everything was.

        Your essay "The accidental manager: notes from year one" could have been written about
        me. I recognised the first three months exactly: still doing all the hands-on work
        because it was quicker, avoiding the difficult conversation with the colleague who had
        applied for the role, and filling my diary with meetings that I had simply inherited.

        I am now trying to decide whether to apply for the substantive post when it is
        advertised in the spring, or to go back to the hands-on work I love. I keep changing my
        mind, and I think a conversation with someone who went through the same thing would
        help more than another leadership course.

        Would you be open to a 20-minute call in the next month or so? I would like to ask how
        you knew that management was right for you and what you would do in my position. I can
        fit around your diary and I understand if you are too busy.

        Thank you so much for writing so honestly.

        With best wishes,
        Siân
        """, "hannah", "too_long", split="fresh"),
    E("Heritage carpentry", _HERITAGE.format(name="Rafael"), "rafael", "duplicate",
      "no_work_reference", previous=(_HERITAGE.format(name="Maria"),
                                     _HERITAGE.format(name="Joseph")), split="fresh"),
    E("Decentralised trials for rare diseases", """
        Dear Dr Tanaka, your paper on patient-first design in rare disease trials shaped the
        protocol we are now writing at our hospital in Leiden. I'm the trial manager and we are
        debating how many visits can safely happen at home. I'd welcome the chance to hear your
        thoughts when you have time. With many thanks, Jeroen
        """, "yuki", "no_time_bound_ask", split="fresh"),
    E("A/B tests at a small charity", """
        Dear Ines, I loved "A field guide to A/B tests". I run fundraising emails for a small
        animal charity in Cork and I want to start testing our appeals properly. Would you be
        willing to be a sounding board for me over the coming year, maybe once a month? I'm
        flexible and grateful for anything you can offer.
        """, "ines", "open_ended_ask", "no_time_bound_ask", split="fresh"),
    E("Offline sync on 2G: one question", """
        Hi Olu, after your talk on shipping apps for low-bandwidth markets we cut our app's data
        use by half. I'm building a health-worker app used in rural Malawi and I'm stuck on
        offline sync. Could I ask you one question about it in a ten-minute call, whenever it
        suits you? Thank you! Chikondi
        """, "olu", split="fresh"),
    E("Retros", """
        Hannah, I read "Running retros people look forward to". Our retros are dead and I lead a
        team of seven at an agency. Call me Friday 3pm for 15 min to discuss.
        """, "hannah", "no_courtesy", split="fresh",
      note="the situation is the purpose; the subject names the topic"),
    E("Learning timber framing", """
        Dear Rafael, I watched your films on restoring timber-frame barns and I'm now
        apprenticed to a joiner in Yorkshire. Would you show me the ropes over the next few
        years, maybe by phone now and then? I'd be so grateful and I'd fit around you entirely.
        """, "rafael", "open_ended_ask", "no_time_bound_ask", split="fresh"),
    E("Inquiry", """
        Dear Dr Tanaka, I read "Clinical trials for rare diseases: a patient-first design" during
        my master's in public health. I now work for a patient organisation for a rare muscle
        disease and we've been invited to help design a trial. Could I ask you three questions
        about what patients should push for, in a 20-minute call? I am flexible and thank you for
        your time.
        """, "yuki", "weak_subject", split="fresh"),
    E("Coffee in Lisbon?", """
        Hi Ines, I read your field guide to A/B tests and shared it with my whole team. I lead
        growth at a travel start-up and we're rebuilding our experimentation process. Could we
        grab a coffee for an hour next time you're in Lisbon? Any date that works for you, and
        thanks!
        """, "ines", "long_ask", split="fresh"),
    E("Five minutes on low-bandwidth image formats", """
        Hi Olu, one thing from "Shipping mobile apps for low-bandwidth markets" I didn't follow:
        why you chose WebP over AVIF. I'm a mobile developer at a news app in Nairobi and we're
        choosing a format now. Could you spare 5 minutes for a quick call, whenever is easiest?
        Thanks a lot, Achieng
        """, "olu", split="fresh"),
    E("OKR retros at a B2B SaaS company", """
        Hi Hannah, I'm a PM at a B2B SaaS company in Berlin and I used your post "Running retros
        people look forward to" to redesign our quarterly OKR retro. I want to add a short
        customer-facing part and I'm unsure how. Could I ask you about it in a 15-minute call? I
        can fit around your schedule. Thank you, Jana
        """, "hannah", split="fresh", note="acronyms are not shouting"),
    E("Your barn restoration work", """
        Dear Rafael, your barn restoration work is beautiful. I would love to hear more about
        it. Could we have a 20-minute call sometime that suits you? Thank you.
        """, "rafael", "no_purpose", split="fresh"),
    E("Rare disease trials and my career", """
        Dear Dr Tanaka,

        I am a pharmacist in Osaka with eight years of hospital experience, and for the last two
        years I have worked part-time as a study coordinator on oncology trials. I read your
        paper "Clinical trials for rare diseases: a patient-first design" on the recommendation
        of my department head, and it made me realise that this is the work I want to do for the
        rest of my career. I was particularly struck by the section about asking families which
        outcomes matter to them before choosing the endpoints, something I have never seen done
        in the trials I have worked on.

        I do not know anyone working in rare diseases, and the path from hospital pharmacy into
        trial design is not clear to me. I have been reading about regulatory science courses,
        about statistics programmes, and about positions at contract research organisations,
        and each of them seems to lead somewhere different. I also wonder whether I should move
        to a university hospital, to a company or to a patient organisation first.

        It would mean a great deal to me if you would be my mentor as I make this change,
        meeting with me regularly to help me choose the right steps and to introduce me to the
        people I should know. I understand that you receive many requests like this and I will
        adapt to any time that is convenient for you.

        Thank you very much for reading my long message.

        Respectfully,
        Kenta Mori
        """, "yuki", "open_ended_ask", "no_time_bound_ask", split="fresh",
      note="246 words: long, but under the limit"),
    E("Quick question about A/B tests??", """
        Hi Ines, your field guide to A/B tests is pinned in our team channel. I'm a data analyst
        at an online grocer and I'm setting up our first test on delivery fees. Could I ask you
        one question about sample sizes in a 15-minute call? Whenever suits you. Thank you!
        """, "ines", "shouting", split="fresh"),
    E("Offline-first design", _APP.format(name="Olu"), "olu", "duplicate", "no_work_reference",
      previous=(_APP.format(name="Amaka"), _APP.format(name="Femi"), _APP.format(name="Zainab")),
      split="fresh"),
    E("Offline sync for field workers", """
        Hi Olu, I watched "Shipping mobile apps for low-bandwidth markets" twice. I'm a
        developer at an NGO and we're building a data-collection app for community health
        workers in Sierra Leone. Could I have a half-hour call with you about conflict handling
        in offline sync? I'm flexible, and thank you either way. Musa
        """, "olu", split="fresh", previous=(
        """Hi Grace, your article on sync conflicts in CouchDB was the clearest I found. I'm a
        developer at an NGO building an app for health workers. Could I have 15 minutes to ask
        about your merge rules? Thank you, and any time works.""",),
      note="one earlier message, written for its mentor"),
    E("hello from a student", """
        hey, i'm studying nursing and i want to specialise in rare diseases. do you have any
        advice? thanks
        """, "yuki", "weak_subject", "no_work_reference", "no_time_bound_ask", "no_courtesy",
      split="fresh"),
    E("Three questions about your first year as a manager", """
        Dear Hannah, "The accidental manager: notes from year one" made me laugh and then made
        me think. I was promoted to lead our five-person design team in March and I'm struggling
        to give feedback to former peers. Could I ask you three questions about that in a
        20-minute call? Please don't feel any pressure; I'll fit in with your week. Thank you,
        Olga
        """, "hannah", split="fresh"),
    E("Please mentor me in trial design", """
        Dear Dr Tanaka, I read your paper on patient-first design for rare disease trials. I'm a
        biostatistics PhD student and I want to work on adaptive designs for small populations.
        Please mentor me in trial design. I am very flexible. Thank you.
        """, "yuki", "open_ended_ask", "no_time_bound_ask", split="fresh"),
]
