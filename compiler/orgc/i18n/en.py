"""English wording of every diagnostic, hint and command-line message, by key."""

from __future__ import annotations

# A template is str.format text; a pair is (singular, plural), chosen by the parameter `count`.
MESSAGES: dict[str, str | tuple[str, str]] = {
    # -- shared ---------------------------------------------------------------------------------
    "verbatim": "{text}",
    "schema-description": "{text}",
    "list.and": ", ",
    "list.or": " or ",
    "did-you-mean": "Did you mean '{name}'? ",
    "hint.existing-role": "{guess}Use the id of an existing role.",
    "hint.invisible-character": (
        "Delete the invisible character (it often comes from copying out of another program)."
    ),
    "kind.role": "role",
    "kind.unit": "unit",
    "kind.kpi": "KPI",
    "kind.block": "shared block",
    "kind.duty-block": "shared duty block",
    "kind.process": "process",
    "kind.policy": "policy",
    "kind.role-or-unit": "role or unit",
    "kind.unit-or-role": "unit or role",
    # -- E100: reading files --------------------------------------------------------------------
    "E100.too-large": "file is {size:.1f} MB; spec files are limited to {limit} MB",
    "E100.too-large.hint": "Split it into several files, or remove the data that does not belong in a spec.",
    "E100.utf16": "file is UTF-16 text, not UTF-8",
    "E100.utf16.hint": "Save the file as UTF-8 (in Notepad: Save As → Encoding → UTF-8).",
    "E100.nul": "file contains NUL bytes: it is binary, not text",
    "E100.nul.hint": "Spec files are plain UTF-8 text; check that the right file was saved here.",
    "E100.gbk": "file is not UTF-8: it looks like GBK/GB18030 (Chinese Windows encoding)",
    "E100.gbk.hint": (
        "Save it as UTF-8: in Notepad choose Save As → Encoding → UTF-8; or run `iconv -f GB18030 -t UTF-8`."
    ),
    "E100.not-utf8": "file is not UTF-8 text: byte 0x{byte:02x} cannot be decoded",
    "E100.not-utf8.hint": "Save the file as UTF-8 text.",
    "E100.depth": "nesting deeper than {limit} levels",
    "E100.depth.hint": "Spec files are shallow; check the indentation here.",
    "E100.alias": "YAML aliases (*name) are not allowed in spec files",
    "E100.alias.hint": (
        "Write the value out in full, or move shared duties into a shared block under specs/duties/."
    ),
    "E100.yaml-error": "YAML error: {problem}",
    "E100.control-character": (
        "the file contains the control character U+{code:04X}, which YAML does not allow"
    ),
    "E100.syntax": "YAML syntax error: {problem}",
    "E100.syntax.hint": "Check the indentation and quoting around this line.",
    "E100.syntax.not-closed-quote": "the quoted text that starts here is not closed",
    "E100.syntax.not-closed-bracket": "the '[' here is not closed",
    "E100.syntax.not-closed-brace": "the '{{' here is not closed",
    "E100.syntax.runaway-quote": (
        "the quoted text that starts here runs on to line {line}; is its closing quote missing?"
    ),
    "E100.syntax.line-break.hint": (
        "This line holds the invisible character U+{code:04X}, which YAML reads as a line break; delete it."
    ),
    "E100.syntax.tab": "tab character used for indentation",
    "E100.syntax.tab.hint": "Indent with spaces, not tabs.",
    "E100.syntax.second-document": "a spec file holds one YAML document, but a second one starts here",
    "E100.syntax.second-document.hint": "Remove the '---' line, or move the second document into its own file.",
    "E100.syntax.control.hint": "Remove the invisible control character at this position.",
    "E100.tag": "YAML tag '{tag}' is not allowed in spec files",
    "E100.tag.hint": "Remove the '!' tag: spec files hold plain text, lists and mappings.",
    "E100.key-not-text": "a mapping key must be plain text",
    "E100.key-not-text.hint": "Write keys as `name: value`.",
    # The YAML parser's own words (libyaml, then PyYAML), as it says them.
    "yaml.expected-colon": "could not find expected ':'",
    "yaml.mapping-values": "mapping values are not allowed in this context",
    "yaml.mapping-values-here": "mapping values are not allowed here",
    "yaml.expected-key": "did not find expected key",
    "yaml.expected-dash": "did not find expected '-' indicator",
    "yaml.bad-start": "found character that cannot start any token",
    "yaml.expected-content": "did not find expected node content",
    "yaml.expected-comma-bracket": "did not find expected ',' or ']'",
    "yaml.expected-comma-brace": "did not find expected ',' or '}}'",
    "yaml.end-of-stream": "found unexpected end of stream",
    "yaml.sequence-here": "block sequence entries are not allowed in this context",
    "yaml.unknown-escape": "found unknown escape character",
    "yaml.expected-line-break": "did not find expected comment or line break",
    "yaml.mapping-keys": "mapping keys ('? ') are not allowed here",
    "yaml.indentation-or-bracket": "invalid indentation, or an unclosed '[' or '{{'",
    "yaml.escape-code": "the escape code in double quotes ('\\x', '\\u') needs hexadecimal digits",
    "yaml.document-in-quote": "a line starting with '---' or '...' inside quoted text (is a closing quote missing?)",
    "yaml.tab": "a tab character where spaces are expected",
    "yaml.block-indicator": "after '|' or '>' only an indentation digit 1-9, '+' or '-' may follow",
    "yaml.directive": "a line starting with '%' is a YAML directive, which spec files do not use (quote it if it is text)",
    "yaml.anchor-name": "'&' or '*' must be followed by a name (quote the value if the sign is part of the text)",
    "yaml.alias": "YAML aliases and anchors (*name, &name) are not allowed in spec files",
    "yaml.tag": "a '!' tag written wrongly; spec files use no tags (quote the value if '!' is part of the text)",
    "yaml.document-start": "the start of the document was expected here (check the indentation, or what follows '---')",
    "yaml.too-deep": "nesting too deep",
    "yaml.control-character": "an invisible control character that YAML does not allow",
    "yaml.too-long": "the file is too long",
    "yaml.other": "the YAML parser could not read this",
    # -- E101, E102: what is written ------------------------------------------------------------
    "E101": "duplicate key '{key}' (first written on line {line})",
    "E101.hint": "YAML keeps only one of them; delete or merge the duplicate.",
    "E102.control-character": (
        "text contains the control character U+{code:04X}, which Word and Excel cannot store"
    ),
    "E102.bidi-control": (
        "text contains the invisible character U+{code:04X}, which changes the order in which "
        "the text around it is displayed"
    ),
    "E102.bidi-control.hint": (
        "Delete it: right-to-left text is displayed correctly without it, and with it a line of a "
        "document can read differently from what is written here."
    ),
    "E102.link": "this file is a link to a file outside the project",
    "E102.link.hint": "Copy the file into the project instead of linking it.",
    "E102.link-folder": "this folder is a link to a folder outside the project",
    "E102.link-folder.hint": "Copy the files into the project instead of linking the folder.",
    "E102.not-a-file": "this is not a file that can be read: a named pipe, a device or a broken link",
    "E102.not-a-file.hint": "Spec files are plain text files; delete this entry or put the file itself here.",
    "E102.file-name": "this name holds bytes that are not UTF-8 text, or an invisible control character",
    "E102.file-name.hint": "Rename it with letters, digits and '-' (a role file is named after the role id).",
    "E102.unreadable": "this folder cannot be read: {reason}",
    "E102.unreadable.hint": "Check its permissions, or move it out of specs/.",
    "E102.unknown-kind": "'{file}' is not a kind of spec file orgc knows",
    "E102.unknown-kind.hint": (
        "specs/ holds org.yaml and YAML files in roles/, kpis/, duties/, processes/ and "
        "policies/; move or delete this file."
    ),
    "E102.no-org": "specs/org.yaml is missing",
    "E102.no-org.hint": "Create specs/org.yaml with the organisation's id, name and units.",
    "E102.waive-unknown": "'waive' names '{code}', which is not a diagnostic code",
    "E102.waive-unknown.hint": "See the diagnostics reference in the README for the codes.",
    "E102.waive-stage": "{code} cannot be waived: the file must be fixed",
    "E102.waive-stage.hint": "Remove this waiver and fix the problem it reports.",
    "E102.not-a-date": "'{key}': '{value}' is not a real calendar date",
    "E102.not-a-date.hint": "Check the month and the day.",
    # Schema violations: {name} is a field ('duties[2].title') or the file, {value} a written value.
    "E102.field": "'{path}'",
    "E102.the-file": "the file",
    "E102.value": "{text!r}",
    "E102.unknown-field": "unknown field '{key}'{guess}",
    "E102.unknown-field-in": "unknown field '{key}' in {name}{guess}",
    "E102.unknown-field.guess": " — did you mean '{name}'?",
    "E102.unknown-field.hint": "Fields allowed here: {allowed}.",
    "E102.required": "missing required field '{key}'",
    "E102.required-in": "missing required field '{key}' in {name}",
    "E102.required.hint": "Add a line `{key}: ...` to this mapping.",
    "E102.type": "{name} should be {expected}, not {actual}",
    "E102.type.string": "text",
    "E102.type.integer": "a whole number",
    "E102.type.number": "a number",
    "E102.type.boolean": "true or false",
    "E102.type.array": "a list",
    "E102.type.object": "a mapping of fields",
    "E102.type.null": "empty",
    "E102.type.text": "text, or a mapping of languages like {{zh: ..., en: ...}}",
    "E102.not-an-id": "{name}: {value} is not a valid id",
    "E102.not-an-id.hint": (
        "Ids use lowercase ASCII letters, digits and '-', start with a letter and are at "
        "most 63 characters long, e.g. cs-team-lead."
    ),
    "E102.not-a-date-form": "{name}: {value} is not a date",
    "E102.not-a-date-form.hint": "Write dates as YYYY-MM-DD, e.g. 2026-01-31.",
    "E102.not-a-language": "{name}: {value} is not a language code",
    "E102.not-a-language.hint": "Use lowercase codes such as zh or en (zh-Hant for a variant).",
    "E102.bad-form": "{name}: {value} is not in the expected form",
    "E102.enum": "{name}: {value} is not allowed{guess}",
    "E102.enum.guess": " — did you mean '{option}'?",
    "E102.enum.hint": "Allowed values: {options}.",
    "E102.empty": "{name} is empty",
    "E102.empty.hint": "Fill it in, or delete the line.",
    "E102.minimum": "{name} must be at least {minimum}",
    "E102.repeated": "{name} lists the same value twice",
    "E102.repeated.hint": "Remove the repetition.",
    "E102.other": "{name}: {detail}",
    "E102.key-not-a-code": "{key} is not a diagnostic code",
    "E102.key-not-a-code.hint": "Codes look like ORG004 or KPI002; run `orgc explain` for the list.",
    "E102.key-not-a-language": "{key} is not a language code",
    "E102.key-not-a-language.hint": "Use codes such as zh or en, as listed in orgc.yaml `languages`.",
    "E102.key-with-comma.hint": (
        'A comma inside {{zh: ..., en: ...}} starts a new entry: put the text in quotes, e.g. zh: "甲, 乙".'
    ),
    "E102.empty-file": "the file is empty",
    "E102.empty-file.hint": (
        "Write the spec into it (see the README's tour of the spec language), or delete the file."
    ),
    "E102.no-value": "{name} has no value",
    "E102.no-value.hint": "Write a value after the colon, or delete the line.",
    # -- E103: ids ------------------------------------------------------------------------------
    "E103.id": "id '{id}' is already used at {first}",
    "E103.id-of-kind": "id '{id}' is already used (a {kind}) at {first}",
    "E103.duty": "duty id '{id}' is already used in '{owner}' at {first}",
    "E103.kpi": "KPI id '{id}' is already used at {first}",
    "E103.step": "step id '{id}' is already used at {first}",
    "E103.hint": "Every id must be unique: rename one of them and update its references.",
    "E103.file-name": "role id '{id}' differs from its file name '{stem}'",
    "E103.file-name.hint": "Rename the file to {id}.yaml, or set `id: {stem}`.",
    # -- ORG: reporting lines and units ---------------------------------------------------------
    "ORG001": "'{role}' reports to '{target}', which is not a role",
    "ORG001.hint": "{guess}Use the id of an existing role (the file name under specs/roles/).",
    "ORG002": "reporting cycle: {path}",
    "ORG002.hint": "Change the `reports_to` of one of these roles so the chain ends at the top role.",
    "ORG003": "'{role}' has no `reports_to`, but only one role may be the top ({also})",
    "ORG003.top": "'{top}' is the top role",
    "ORG003.tops": "top roles: {roles}",
    "ORG003.hint": "Add `reports_to:` with the id of this role's 直接上级.",
    "ORG004": (
        "span of control of '{role}' is {span} people per position "
        "({people} in {reports} direct-report roles, {holders} position(s)), above the maximum of {limit}"
    ),
    "ORG004.hint": "Add positions to this role, or a layer of team leads between it and its reports.",
    "ORG005": "'{role}' belongs to unit '{unit}', which is not in specs/org.yaml",
    "ORG005.hint": "{guess}Use a unit id from specs/org.yaml, or add the unit there.",
    "ORG005.parent": "unit '{unit}' has parent '{parent}', which is not a unit",
    "ORG005.parent.hint": "{guess}Use the id of another unit in this file.",
    "ORG005.cycle": "unit cycle: {path} (each is the parent of the next)",
    "ORG005.cycle.hint": "Change one `parent:` so the units form a tree.",
    "ORG006": "head of unit '{unit}' is '{head}', which is not a role",
    "ORG006.hint": "{guess}Use the id of a role in this unit.",
    "ORG006.outside": "head of unit '{unit}' is '{head}', whose unit '{role_unit}' is not '{unit}' or below it",
    "ORG006.outside.hint": "Name a role of this unit as head, or move the role into this unit.",
    "ORG007": "'{role}' reports to '{boss}', a position with headcount 0",
    "ORG007.hint": "Report to a staffed role until the position is filled, or waive ORG007 with the reason.",
    "ORG008": "'{role}' is layer {layer} of its reporting chain ({path}); the maximum is {limit}",
    "ORG008.hint": "Flatten the chain: have this role report to a role higher up.",
    "ORG009": "'{role}' has a dotted line to '{other}', which is not a role",
    "ORG009.solid": "'{role}' has a dotted line to '{other}', which is already its `reports_to`",
    "ORG009.solid.hint": "Remove it from `dotted_to`: the solid line already covers it.",
    "ORG009.self": "'{role}' has a dotted line to itself",
    "ORG009.self.hint": "Remove it from `dotted_to`.",
    # -- DUT: duties and process steps ----------------------------------------------------------
    "DUT001": "step '{step}' has no staffed role Responsible (responsible: {roles})",
    "DUT001.no-role": "no role",
    "DUT001.hint": "Name a role with headcount above 0 in `responsible`.",
    "DUT001.block": "shared block '{block}' is not included by any staffed role",
    "DUT001.block.hint": "Add `include: [{block}]` to the roles that hold these duties, or delete the block.",
    "DUT002": "step '{step}' names {count} Accountable roles: {roles}",
    "DUT002.none": "step '{step}' has no Accountable role and the process has no owner",
    "DUT002.hint": "Give the step `accountable: <one role id>`, or the process an `owner`.",
    "DUT002.duty": "duty '{duty}' names {count} Accountable roles: {roles}",
    "DUT002.duty.hint": "Keep exactly one role in `accountable`; others can be `consulted` or `informed`.",
    "DUT003": "'{key}' names '{ref}', which is not a {kind}",
    "DUT003.hint": "{guess}Check the spelling of the id, or add what it refers to.",
    "DUT003.next": "step '{step}' is followed by '{following}', which is not a step of '{process}'",
    "DUT003.next.hint": "Use the id of a step in this process.",
    "DUT004": "role '{role}' has no duties",
    "DUT004.hint": "Add `duties:` (工作职责), or `include:` a shared duty block.",
    "DUT005.block": "duty '{title}' is also written in shared block '{block}'",
    "DUT005.block-and-roles": "duty '{title}' is also written in shared block '{block}' and on {roles}",
    "DUT005.block.hint": "Delete it here and `include: [{block}]` instead.",
    "DUT005.roles": "duty '{title}' is also written on {roles}",
    "DUT005.roles.hint": "Move it into a shared block under specs/duties/ and `include` the block.",
    # -- KPI: targets and weights ---------------------------------------------------------------
    "KPI001": "target '{target}' for KPI '{kpi}' cannot be read",
    "KPI001.hint": "Write a comparator, a number and the unit, e.g. '{example}'.",
    "KPI001.unit": "target '{target}' uses {unit!r}, but KPI '{kpi}' is measured in {kpi_unit!r}",
    "KPI001.no-unit": "target '{target}' has no unit, but KPI '{kpi}' is measured in {kpi_unit!r}",
    "KPI001.unit.hint": "Write the target in {kpi_unit!r}, e.g. '{example}'.",
    "KPI002": "role '{role}' has no KPI targets",
    "KPI002.hint": "Add `kpis:` with targets from the KPI catalogue, or waive KPI002 with the reason.",
    "KPI003.higher": "target '{target}' for KPI '{kpi}' points the wrong way: higher is better for this KPI",
    "KPI003.lower": "target '{target}' for KPI '{kpi}' points the wrong way: lower is better for this KPI",
    "KPI003.hint": "Use >= for a higher-is-better KPI and <= for a lower-is-better one.",
    "KPI004": "KPI weights of '{role}' sum to {total:g}%, not 100%",
    "KPI004.hint": "Adjust the weights so they add up to 100%.",
    # -- ESC, CAR, I18N, POL --------------------------------------------------------------------
    "ESC001": "'{role}' escalates to '{target}', which is not above it in its reporting chain",
    "ESC001.hint": (
        "Escalate to a supervisor in the chain of command (see `orgc show {role}`), "
        "or waive ESC001 with the reason."
    ),
    "CAR001": "career path of '{role}' leads to '{other}', which is not a role",
    "I18N001": "text '{text}' has no {languages} version",
    "I18N001.hint": "Write it as {example}.",
    "POL001": (
        "policy '{policy}' was due for review on {date} ({count} day ago)",
        "policy '{policy}' was due for review on {date} ({count} days ago)",
    ),
    "POL001.hint": "Review the policy with its owner, then set a new `review_by` date.",
    # -- reports --------------------------------------------------------------------------------
    "report.hint": "hint:",
    "report.hint-line": "{label} {hint}",
    "report.summary": "{counts} in {files}",
    "report.waivers": "; {waivers} (see `orgc check --format json`)",
    "report.errors": ("{count} error", "{count} errors"),
    "report.warnings": ("{count} warning", "{count} warnings"),
    "report.infos": ("{count} info", "{count} infos"),
    "report.files": ("{count} file", "{count} files"),
    "report.waiver-count": ("{count} waiver", "{count} waivers"),
    # -- the command line -----------------------------------------------------------------------
    "cli.not-a-folder": "{path} is not a folder",
    "cli.not-a-project": (
        "{path} is not an orgc project: it has neither {config} nor a specs/ folder "
        "(run `orgc init` to start one, or pass the project folder)"
    ),
    "cli.cannot-read": "cannot read {file}: {reason}",
    "cli.no-role": "no role '{role}'. {guess}",
    "cli.specs-have-errors": "note: the specs have errors; run `orgc check {path}`.",
    "build.nothing-built": "orgc: nothing was built: fix the errors above first.",
    # -- orgc show ------------------------------------------------------------------------------
    "show.unit": "unit: {name} ({id})",
    "show.headcount": "headcount: {count}",
    "show.grade": "grade: {grade}",
    "show.family": "family: {family}",
    "show.chain": "Chain of command",
    "show.top-role": "(top role)",
    "show.reports": "Direct reports",
    "show.none": "(none)",
    "show.dotted": "Dotted lines",
    "show.dotted-to": "to {role}",
    "show.dotted-from": "from {role}",
    "show.escalates-to": "Escalates to",
    "show.duties": "Duties",
    "show.from-block": "(from {block})",
    "show.steps": "Process steps",
    "show.other-duties": "Consulted or informed on other duties",
    "show.kpis": "KPI targets",
    "show.weight": "weight {weight:g}%",
    # -- orgc build --------------------------------------------------------------------------------
    "build.built": "built {folder}: {written} written, {unchanged} unchanged, {removed} removed{note}",
    "build.warnings-note": " ({count} warning(s): see `orgc check`)",
    "build.nothing-changed": "{folder} is up to date: nothing changed since the last build{note}",
    "build.current": "{folder} is up to date.",
    "build.differs": (
        "{folder} is not up to date ({count} file(s) differ); run `orgc build` and commit the result."
    ),
    "build.unknown-languages": "--lang {asked} is not one of the languages in orgc.yaml: {languages}",
    "build.holds-the-specs": "refusing to build into {folder}: it holds the specs; choose another folder",
    "build.output-outside": (
        "orgc.yaml `output: {output}` is outside the project; give a folder inside it, "
        "or choose the folder on the command line with -o"
    ),
    "build.not-a-folder": "{folder} exists and is not a folder",
    "build.cannot-write": "cannot write {folder}: {reason}",
}
