"""E100–E103: problems found while reading, validating and assembling the specs.

These are reported by the load, validate and model stages; they are documented here
with the other rules and are always errors (they cannot be switched off or waived).
"""

from __future__ import annotations

from .registry import stage_rule

stage_rule(
    "E100",
    "unreadable-file",
    "YAML syntax error, or a file that is not UTF-8 text",
    """
    The file cannot be read as a YAML document in UTF-8.

    **Why:** orgc cannot check what it cannot read. Typical causes: a file saved as
    GBK/GB18030 by a Chinese Windows editor, tabs used for indentation, a second
    document after `---`, or YAML features spec files do not allow (aliases `*x`,
    `!!python` tags, more than 64 levels of nesting, files over 4 MB). Full-width
    punctuation typed by a Chinese input method (`：` for `:`, `，` for `,`, a
    full-width space in the indentation), a `・` or `•` bullet for `- `, and a comma
    in an unquoted text of `{zh: …, en: …}` are named at the character itself;
    `orgc check --fix` rewrites them.

    **Fails:**
    ```yaml
    id: cs-agent
    title:
    \tzh: 一线客服        # a tab before zh
    ```

    **Fix:**
    ```yaml
    id: cs-agent
    title:
      zh: 一线客服
    ```
    """,
)

stage_rule(
    "E101",
    "duplicate-key",
    "duplicate key in a mapping",
    """
    The same key is written twice in one mapping.

    **Why:** YAML readers silently keep only one of the values, so an edit to the
    first one seems to have no effect. orgc reports the second occurrence.

    **Fails:**
    ```yaml
    headcount: 4
    grade: M1
    headcount: 5
    ```

    **Fix:**
    ```yaml
    headcount: 5
    grade: M1
    ```
    """,
)

stage_rule(
    "E102",
    "schema-violation",
    "schema violation (wrong type, missing required field, unknown field, bad id)",
    """
    A value does not fit the spec language: an unknown field, a missing required
    field, a value of the wrong type, an invalid id or date, a control character
    that Word and Excel cannot store, or a file under `specs/` of no known kind.

    **Why:** a misspelt field (`headcnt`) would otherwise be ignored without a word.
    Unknown fields are reported on the key itself, with the nearest allowed name.
    Where an id belongs and the unique title or name of a role, unit, KPI, shared
    block, process or step is written instead (`reports_to: 班组长`), the message
    says whose it is and the id to write (“班组长”是岗位 cs-team-lead 的名称，请写
    cs-team-lead), with the edit that writes it; a title of several lists them all,
    and a title of none the closest titles.

    Files that file managers, Office and editors leave under `specs/` (`Thumbs.db`,
    `desktop.ini`, `.DS_Store`, `~$*` and `.~lock.*#` lock files, `*~`, `*.swp`, `*.bak`,
    `#*#`) are no spec's kind, but no mistake either: they are skipped, and said under
    this code at severity info, the one E102 that is not an error.

    **Fails:**
    ```yaml
    id: cs-agent
    title: 一线客服
    headcnt: 40
    ```

    **Fix:**
    ```yaml
    id: cs-agent
    title: 一线客服
    headcount: 40
    ```
    """,
)

stage_rule(
    "E103",
    "duplicate-id",
    "duplicate id, or a role file whose stem differs from its id",
    """
    Two entities share an id, or a role file's name differs from the role's id.
    Roles, units, shared blocks, processes and policies share one namespace,
    because a reference such as `consulted: [x]` may name a role or a unit; KPI
    ids, duty ids within a role and step ids within a process are unique too.

    **Why:** every reference is by id; a duplicate makes references ambiguous.

    **Fails:** `specs/roles/cs-agent.yaml`
    ```yaml
    id: cs-agents
    ```

    **Fix:**
    ```yaml
    id: cs-agent
    ```
    """,
)
