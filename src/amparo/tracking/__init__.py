"""Follow-up: deadlines computed from sourced rules, the UN calendar, case status and
timeline, validation of actions and responses, and iCalendar export.

Pure functions over model values: nothing here touches disk except reading the package's
own data files and a calendar or rules file the caller names.
"""
