"""The sentences of the consent conversation sheet, in English, marked for translation.

The sheet speaks to the person (or their family), in the second person, in the words of
a conversation rather than of the guidance: no rule ids, no document symbols. Each table
is keyed by an identifier the plan already uses (a circle, a family of avenues, a risk
note's code), and each label has a gettext context, so that French and Spanish can agree
a sentence with the person's gender where the sentence needs it (``…_WOMAN``, ``…_MAN``,
and a neutral form when the gender is not given). Written out, not generated, so that
the message extractor sees every one.
"""

from __future__ import annotations

from amparo.language.i18n import label

#: What the record box and the checkboxes call each circle ("none" is the empty set).
CIRCLE_TITLES = {
    "un-confidential": label("sheet-circle-title", "Only the UN body, in confidence"),
    "state": label("sheet-circle-title", "The government of the country"),
    "public-anonymous": label("sheet-circle-title", "In public, without my name"),
    "public-named": label("sheet-circle-title", "In public, with my name"),
    "none": label("sheet-circle-title", "None of these"),
}

#: What each circle means, told to the person.
CIRCLE_MEANINGS = {
    "un-confidential": label(
        "sheet-circle",
        "Only the UN body written to, and its staff, learn who you are. The letter tells them what "
        "they may do with your name, and nothing more."),
    "state": label(
        "sheet-circle",
        "The government of the country concerned learns who you are: the UN body writes to it, or "
        "raises what happened with its diplomats, giving your name."),
    "public-anonymous": label(
        "sheet-circle",
        "A public text (a report, a statement, a web page) tells what happened without your name. "
        "People who know you may still recognise the story from its details."),
    "public-named": label(
        "sheet-circle",
        "A public text gives your name. Anyone can read it, the government included, and it stays "
        "public: it cannot be taken back."),
    "none": label(
        "sheet-circle",
        "Nothing that identifies you leaves Amparo. The caseworker can still share general "
        "information about what is happening in the country, with nothing that points to you."),
}

#: What a step makes known, as the second half of "These steps: …".
REACHES = {
    "un-confidential": label("sheet-reach", "only the UN body learns who you are"),
    "state": label("sheet-reach", "the government learns who you are"),
    "public-anonymous": label("sheet-reach", "a public text tells what happened, without your name"),
    "public-named": label("sheet-reach", "a public text gives your name"),
}

#: What a family of avenues is, in one plain sentence.
FAMILIES = {
    "hrc": label("sheet-family", "A body of the Human Rights Council, where governments meet in Geneva."),
    "sg": label("sheet-family",
                "The UN's own work against reprisals: the Secretary-General's yearly report, and the "
                "senior official who raises cases with governments."),
    "sp": label("sheet-family",
                "Independent experts of the Human Rights Council (Special Rapporteurs and Working "
                "Groups): they can write to the government, and later publish the letter and its reply."),
    "tb": label("sheet-family",
                "A committee of independent experts that reviews how the country keeps a treaty it "
                "has joined."),
    "rg": label("sheet-family",
                "A regional human rights body: it can ask the government to explain itself or to "
                "protect you, and it publishes its decisions."),
    "un": label("sheet-family",
                "A UN office or mission: it can document what happened and raise it with the authorities."),
    "ib": label("sheet-family",
                "An investigation the UN set up on this country: it gathers testimonies and reports "
                "on them in public."),
}

#: A scope for a whole family (``sp:*``), as the sheet names it.
FAMILY_SCOPES = {
    "hrc": label("sheet-family-scope", "every body of the Human Rights Council"),
    "sg": label("sheet-family-scope", "the Secretary-General's report and the senior official on reprisals"),
    "sp": label("sheet-family-scope", "every Special Rapporteur and Working Group"),
    "tb": label("sheet-family-scope", "every treaty committee"),
    "rg": label("sheet-family-scope", "every regional body"),
    "un": label("sheet-family-scope", "every UN office and mission"),
    "ib": label("sheet-family-scope", "every UN investigation"),
}

#: The plan's risk notes, reworded for the person they concern. A note about other people
#: only is left out of a person's section: telling them would disclose someone else.
RISKS = {
    "detention": label(
        "sheet-risk",
        "You are in detention, and people in detention are especially at risk of reprisals: each "
        "step that tells the government should be weighed for its effect on how you are treated, "
        "and followed up."),
    "compromised-channel": label(
        "sheet-risk",
        "Your accounts or devices may be watched or hacked: do not send or keep anything about the "
        "case on them. The caseworker will use another, safer channel."),
    "consent-none": label(
        "sheet-risk",
        "You have not agreed to any circle yet, so nothing that identifies you can be sent. That is "
        "a valid answer: you can keep it, or change it at any time."),
    "consent-indirect": label(
        "sheet-risk",
        "Your answer came through someone else. The UN asks for informed consent: it should be "
        "confirmed with you directly as soon as that is possible."),
    "exposed-relations": label(
        "sheet-risk",
        "Reprisals reach families and colleagues too. Your own answer decides whether any step may "
        "identify you, whatever the others in the case decide."),
    "in-country": label(
        "sheet-risk",
        "You are in the country: whatever the government is told can reach you at once. Weigh each "
        "step that tells the government or that is published."),
    "abroad-or-exile": label(
        "sheet-risk",
        "You are abroad or in exile: reprisals can follow you there, or fall on relatives who "
        "stayed. A trip back after a public step carries its own risk."),
    "submitter-restriction": label(
        "sheet-risk",
        "Some of these bodies take a case only from the person concerned, their family or their "
        "representative: the submission must come from you, or be made on your behalf."),
    "already-public": label(
        "sheet-risk",
        "What happened is already public. That does not change your answer: every step still "
        "needs it."),
    "raised-before": label(
        "sheet-risk",
        "What happened has already been mentioned in UN documents; the caseworker will list them "
        "so that the UN can connect the two."),
    "sg-cutoff-near": label(
        "sheet-risk",
        "The Secretary-General's report has a yearly cut-off, which has fallen in May: a case sent "
        "after it waits for the next report. You do not need to hurry your answer for it: a case "
        "can be sent at any time."),
    "out-of-scope-un-staff": label(
        "sheet-risk",
        "You work for the UN: retaliation against UN staff is handled by the UN Ethics Office, not "
        "by the report on reprisals."),
    "out-of-scope-regional-only": label(
        "sheet-risk",
        "The cooperation recorded is with a regional body: its own procedure on reprisals comes "
        "first, and the UN's avenues may not take the case."),
    "transnational-repression": label(
        "sheet-risk",
        "Part of what happened took place outside the country. The authorities there can act too, "
        "but telling them can also reveal where you live and whom you see: weigh it together."),
    "consent-from-family": label(
        "sheet-risk",
        "When the person this section is about cannot be asked, their family answers for them: the "
        "UN accepts a family's informed consent. Write down who in the family answered, and confirm "
        "with the person as soon as possible."),
    "publicity-both-ways": label(
        "sheet-risk",
        "Publicity can protect (it shows that people are watching) and can also expose you and "
        "those close to you: colleagues, friends, family."),
    "no-physical-protection": label(
        "sheet-risk",
        "These bodies work by making what happened known; almost none can give physical "
        "protection. They belong inside a wider plan for your safety."),
}
#: The same notes where French and Spanish agree with the person's gender.
RISKS_WOMAN = {
    "detention": label(
        "sheet-risk-woman",
        "You are in detention, and people in detention are especially at risk of reprisals: each "
        "step that tells the government should be weighed for its effect on how you are treated, "
        "and followed up."),
}
RISKS_MAN = {
    "detention": label(
        "sheet-risk-man",
        "You are in detention, and people in detention are especially at risk of reprisals: each "
        "step that tells the government should be weighed for its effect on how you are treated, "
        "and followed up."),
}
#: A risk note whose code the sheet has no wording for yet: said, not pasted in English.
OTHER_RISK = label("sheet-risk", "The caseworker will go through one more risk with you that the guidance "
                                 "names for this case.")

#: What the person's present answer means for a group of steps (``{circles}``: what it needs).
STATUS_NAMED = {
    "woman": label("sheet-status-woman", "With your present answer, you could be named in it."),
    "man": label("sheet-status-man", "With your present answer, you could be named in it."),
    "": label("sheet-status", "With your present answer, you could be named in it."),
}
STATUS_DESCRIBED = {
    "woman": label("sheet-status-woman", "With your present answer, you could be described in it without "
                                         "your name."),
    "man": label("sheet-status-man", "With your present answer, you could be described in it without "
                                     "your name."),
    "": label("sheet-status", "With your present answer, you could be described in it without your name."),
}
STATUS_NEEDS = label("sheet-status", "Not with your present answer: it would need your agreement to {circles}.")
STATUS_EXPIRED = label("sheet-status", "Not now: your answer has passed its review date and must be renewed "
                                       "first.")
STATUS_NOBODY = label("sheet-status", "{steps}: it names no one, so it can go ahead whatever you decide.")
STATUS_WAITS = label("sheet-status", "It goes ahead only if someone the events concern agrees too.")
