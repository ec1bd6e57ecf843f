"""Labels for the case-facts vocabularies, in English, marked for translation.

The identifiers (``vocabularies.py``) are never translated; these are the words a
reader sees. Each label carries a gettext context so that the same English word can be
translated differently where French or Spanish need it (gender agreement above all).
"""

from __future__ import annotations

from amparo.language.i18n import Language, label

REPRISAL_TYPES = {
    "threats": label("reprisal-type", "threats"),
    "death-threat": label("reprisal-type", "death threats"),
    "harassment": label("reprisal-type", "harassment"),
    "smear-campaign": label("reprisal-type", "smear campaign"),
    "surveillance": label("reprisal-type", "surveillance"),
    "hacking": label("reprisal-type", "hacking of accounts or devices"),
    "spyware": label("reprisal-type", "spyware on devices"),
    "travel-ban": label("reprisal-type", "travel ban"),
    "airport-interrogation": label("reprisal-type", "interrogation at the airport"),
    "arbitrary-arrest": label("reprisal-type", "arbitrary arrest"),
    "arbitrary-detention": label("reprisal-type", "arbitrary detention"),
    "criminal-charges": label("reprisal-type", "criminal charges"),
    "conviction": label("reprisal-type", "conviction"),
    "enforced-disappearance": label("reprisal-type", "enforced disappearance"),
    "torture-ill-treatment": label("reprisal-type", "torture or ill-treatment"),
    "sexual-violence": label("reprisal-type", "sexual violence"),
    "denial-of-medical-care": label("reprisal-type", "denial of medical care"),
    "physical-attack": label("reprisal-type", "physical attack"),
    "property-damage": label("reprisal-type", "damage to property"),
    "killing": label("reprisal-type", "killing"),
    "professional-sanction": label("reprisal-type", "professional sanction"),
    "ngo-deregistration": label("reprisal-type", "deregistration of an organisation"),
    "funding-restriction": label("reprisal-type", "restriction of funding"),
    "restrictive-law": label("reprisal-type", "restrictive legislation"),
    "family-targeted": label("reprisal-type", "targeting of family members"),
    "confiscation": label("reprisal-type", "confiscation of property"),
    "other": label("reprisal-type", "other act of reprisal"),
}

PERPETRATORS = {
    "state-security": label("perpetrator", "State security forces"),
    "police": label("perpetrator", "the police"),
    "military": label("perpetrator", "the military"),
    "judiciary-prosecution": label("perpetrator", "the judiciary or prosecution"),
    "government-official": label("perpetrator", "government officials"),
    "state-media": label("perpetrator", "State-controlled media"),
    "non-state-armed": label("perpetrator", "a non-State armed group"),
    "private-actor": label("perpetrator", "private actors"),
    "unknown": label("perpetrator", "unidentified perpetrators"),
}

#: The kinds of law charges or restrictions rely on, as words in a sentence ("Laws invoked: …").
LAWS = {
    "counter-terrorism": label("law", "counter-terrorism laws"),
    "extremism": label("law", "laws on extremism"),
    "national-security": label("law", "national security laws"),
    "foreign-agents": label("law", "laws on foreign agents"),
    "defamation-or-false-news": label("law", "laws on defamation or false news"),
    "other": label("law", "other laws"),
}

ENGAGEMENT_KINDS = {
    "session-participation": label("engagement-kind", "participation in a session"),
    "travel-to-session": label("engagement-kind", "travel to a session"),
    "side-event": label("engagement-kind", "a side event"),
    "written-submission": label("engagement-kind", "a written submission"),
    "review-dialogue": label("engagement-kind", "participation in a review dialogue"),
    "country-visit-meeting": label("engagement-kind", "a meeting during a country visit"),
    "communication": label("engagement-kind", "a communication"),
    "individual-complaint": label("engagement-kind", "an individual complaint"),
    "consultation": label("engagement-kind", "a consultation"),
    "other": label("engagement-kind", "another form of cooperation"),
}

# A person as the letter describes them when it may not name them. Three forms because
# French and Spanish nouns agree with gender; "person" is used when gender is not given.
# Written out (not generated) so that the message extractor sees every one.
PERSON_WOMAN = {
    "defender": label("person-woman", "a human rights defender"),
    "lawyer": label("person-woman", "a lawyer"),
    "journalist": label("person-woman", "a journalist"),
    "ngo-staff": label("person-woman", "a member of staff of a non-governmental organisation"),
    "community-leader": label("person-woman", "a community leader"),
    "trade-unionist": label("person-woman", "a trade unionist"),
    "academic": label("person-woman", "an academic"),
    "nhri-staff": label("person-woman", "a member of staff of a national human rights institution"),
    "victim-or-witness": label("person-woman", "a victim or witness"),
    "family-member": label("person-woman", "a family member"),
    "un-staff": label("person-woman", "a member of United Nations staff"),
    "other": label("person-woman", "a person"),
}
PERSON_MAN = {
    "defender": label("person-man", "a human rights defender"),
    "lawyer": label("person-man", "a lawyer"),
    "journalist": label("person-man", "a journalist"),
    "ngo-staff": label("person-man", "a member of staff of a non-governmental organisation"),
    "community-leader": label("person-man", "a community leader"),
    "trade-unionist": label("person-man", "a trade unionist"),
    "academic": label("person-man", "an academic"),
    "nhri-staff": label("person-man", "a member of staff of a national human rights institution"),
    "victim-or-witness": label("person-man", "a victim or witness"),
    "family-member": label("person-man", "a family member"),
    "un-staff": label("person-man", "a member of United Nations staff"),
    "other": label("person-man", "a person"),
}
PERSON = {
    "defender": label("person", "a human rights defender"),
    "lawyer": label("person", "a lawyer"),
    "journalist": label("person", "a journalist"),
    "ngo-staff": label("person", "a member of staff of a non-governmental organisation"),
    "community-leader": label("person", "a community leader"),
    "trade-unionist": label("person", "a trade unionist"),
    "academic": label("person", "an academic"),
    "nhri-staff": label("person", "a member of staff of a national human rights institution"),
    "victim-or-witness": label("person", "a victim or witness"),
    "family-member": label("person", "a family member"),
    "un-staff": label("person", "a member of United Nations staff"),
    "other": label("person", "a person"),
}

LOCATIONS = {
    "in-country": label("location", "in the country"),
    "abroad": label("location", "temporarily abroad"),
    "in-exile": label("location", "now in exile"),
    "in-custody": label("location", "now in custody"),
    "disappeared": label("location", "whose whereabouts are unknown"),
    "unknown": label("location", "whose present location is not known to the writer"),
}

# The same places, written for a woman and for a man: French and Spanish adjectives agree
# with the person ("detenida", "detenido"). LOCATIONS itself is worded so that nothing
# agrees, for people whose gender is undisclosed.
# Written out (not generated) so that the message extractor sees every one.
LOCATION_WOMAN = {
    "in-country": label("location-woman", "in the country"),
    "abroad": label("location-woman", "temporarily abroad"),
    "in-exile": label("location-woman", "now in exile"),
    "in-custody": label("location-woman", "now in custody"),
    "disappeared": label("location-woman", "whose whereabouts are unknown"),
    "unknown": label("location-woman", "whose present location is not known to the writer"),
}
LOCATION_MAN = {
    "in-country": label("location-man", "in the country"),
    "abroad": label("location-man", "temporarily abroad"),
    "in-exile": label("location-man", "now in exile"),
    "in-custody": label("location-man", "now in custody"),
    "disappeared": label("location-man", "whose whereabouts are unknown"),
    "unknown": label("location-man", "whose present location is not known to the writer"),
}

CIRCLES = {
    "un-confidential": label("circle", "the UN body, in confidence"),
    "state": label("circle", "the State concerned"),
    "public-anonymous": label("circle", "a public text that does not name them"),
    "public-named": label("circle", "a public text that names them"),
}

CONSENT_METHODS = {
    "in-person": label("consent-method", "in person"),
    "in-writing": label("consent-method", "in writing"),
    "by-phone": label("consent-method", "by telephone"),
    "secure-message": label("consent-method", "by secure message"),
    "by-relative": label("consent-method", "through a relative"),
    "through-intermediary": label("consent-method", "through an intermediary"),
    "other": label("consent-method", "by another means"),
}

#: What came back from a body, as a letter names it (vocabularies.RESPONSE_KINDS).
RESPONSE_KINDS = {
    "acknowledgment": label("response", "acknowledgment of receipt"),
    "communication-to-state": label("response", "communication to the State"),
    "meeting-with-delegation": label("response", "meeting with the State's delegation"),
    "press-release": label("response", "press release"),
    "council-statement": label("response", "statement in the Council"),
    "concluding-observations": label("response", "concluding observations"),
    "annual-report-inclusion": label("response", "inclusion in the annual report"),
    "state-reply": label("response", "reply of the State"),
    "request-for-information": label("response", "request for further information"),
    "interim-measures": label("response", "interim measures"),
    "no-response": label("response", "no response"),
    "other": label("response", "other answer"),
}

#: How something was sent (vocabularies.ACTION_CHANNELS).
SENT_BY = {
    "email": label("sent-by", "by email"),
    "online-form": label("sent-by", "through the online form"),
    "secure-channel": label("sent-by", "through a secure channel"),
    "letter": label("sent-by", "by letter"),
    "meeting": label("sent-by", "in a meeting"),
    "in-person": label("sent-by", "in person"),
    "phone": label("sent-by", "by telephone"),
    "intermediary": label("sent-by", "through an intermediary"),
    "other": label("sent-by", "by another means"),
}

CHANNEL_KINDS = {
    "email": label("channel", "Email"),
    "online-form": label("channel", "Online form"),
    "post": label("channel", "Post"),
    "via-secretariat": label("channel", "Through the secretariat"),
    "in-person": label("channel", "In person"),
    "other": label("channel", "Other channel"),
}

BODIES = {
    "hrc": label("body", "the Human Rights Council"),
    "upr": label("body", "the Universal Periodic Review"),
    "ohchr": label("body", "the Office of the High Commissioner for Human Rights"),
    "un-country-team": label("body", "the United Nations Country Team"),
    "un-peace-mission": label("body", "a United Nations peace mission"),
    "tb:CAT": label("body", "the Committee against Torture"),
    "tb:SPT": label("body", "the Subcommittee on Prevention of Torture"),
    "tb:CCPR": label("body", "the Human Rights Committee"),
    "tb:CESCR": label("body", "the Committee on Economic, Social and Cultural Rights"),
    "tb:CERD": label("body", "the Committee on the Elimination of Racial Discrimination"),
    "tb:CEDAW": label("body", "the Committee on the Elimination of Discrimination against Women"),
    "tb:CRC": label("body", "the Committee on the Rights of the Child"),
    "tb:CMW": label("body", "the Committee on Migrant Workers"),
    "tb:CRPD": label("body", "the Committee on the Rights of Persons with Disabilities"),
    "tb:CED": label("body", "the Committee on Enforced Disappearances"),
}
# A body the knowledge base does not know is named generically, never by its slug: a
# recipient should not read "sp:…" in a letter.
_SP_BODY = label("body", "a Special Procedures mandate")
_TB_BODY = label("body", "a treaty body")
_RG_BODY = label("body", "a regional human rights body")
_OTHER_BODY = label("body", "a United Nations body")


def term(lang: Language, table: dict[str, tuple[str, str]], key: str) -> str:
    """The translated label of ``key`` in ``table``; the identifier itself if unlisted."""
    pair = table.get(key)
    return lang.label(pair) if pair else key


def person_noun(lang: Language, role: str, gender: str) -> str:
    """"a woman lawyer", "un avocat"…: the role with an article, agreeing with gender."""
    table = {"woman": PERSON_WOMAN, "man": PERSON_MAN}.get(gender, PERSON)
    return term(lang, table, role if role in table else "other")


def location(lang: Language, key: str, gender: str) -> str:
    """Where a person is, agreeing with their gender (neutral wording when undisclosed)."""
    from amparo.language.grammar import gendered

    return gendered(lang, {"woman": LOCATION_WOMAN, "man": LOCATION_MAN, "neutral": LOCATIONS}, key, gender)


def body_name(lang: Language, slug: str, names: dict[str, str] | None = None) -> str:
    """The name of an engagement body; ``names`` gives knowledge-base names for sp:/rg: slugs.

    The vocabulary's own labels win where there is one (treaty bodies, the Council…):
    they carry the article the sentence needs (« le Comité contre la torture »), which a
    knowledge-base title does not.
    """
    if slug in BODIES:
        return lang.label(BODIES[slug])
    if names and slug in names:
        from amparo.language.grammar import definite

        return definite(lang, names[slug])
    prefix = slug.partition(":")[0]
    generic = {"sp": _SP_BODY, "tb": _TB_BODY, "rg": _RG_BODY}.get(prefix, _OTHER_BODY)
    return lang.label(generic)
