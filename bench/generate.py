"""A synthetic organisation of N roles, the same for the same seed, valid under `orgc check`.

    python bench/generate.py 10000 /tmp/org10k [--seed 1] [--shape local|wide]

The shape follows a group company's customer-service and operations division:
a tree at most eight layers deep with spans of 3–10, a unit for every manager
in the top layers, roles of about sixty YAML lines with Chinese and English
text of realistic length, shared duty blocks, a KPI catalogue, about N/10
processes with RACI and N/200 policies. Texts differ from role to role (no
DUT005), every role has weighted KPI targets, and every process step and
shared block is held by a staffed role, so `orgc check` reports nothing.

Two shapes, the same tree and roles:

- ``local`` (the default, the shape of every earlier figure): each process is
  run by one manager's team, so a unit's matrix names few parties of other units;
- ``wide``: a unit also for about one manager in seven of the fifth layer (about 250
  units at 10,000 roles, a few of them still with hundreds of roles), and nine
  processes in ten company-wide, as 费用报销 or 采购审批 are: each step's
  Responsible, Accountable (often ``@supervisor``: each applicant's own), Consulted
  and Informed are roles and units from anywhere in the organisation.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

MAX_LAYERS = 7  # below ORG008's default of 8
UNIT_LAYERS = 3  # managers in the top layers head a unit of their own

REGIONS = [
    ("华东", "East China"),
    ("华南", "South China"),
    ("华北", "North China"),
    ("华中", "Central China"),
    ("西南", "Southwest"),
    ("西北", "Northwest"),
    ("东北", "Northeast"),
    ("海外", "International"),
]
FUNCTIONS = [
    ("热线服务", "Hotline service"),
    ("在线服务", "Online service"),
    ("售后服务", "After-sales service"),
    ("客户关系", "Customer relations"),
    ("质量管理", "Quality management"),
    ("培训发展", "Training"),
    ("运营支持", "Operations support"),
    ("投诉处理", "Complaint handling"),
    ("大客户服务", "Key accounts"),
]
MANAGER_TITLES = [("总监", "Director"), ("经理", "Manager"), ("主管", "Supervisor"), ("班组长", "Team lead")]
STAFF_TITLES = [
    ("客服专员", "Service specialist"),
    ("一线客服", "Front-line agent"),
    ("二线支持", "Second-line agent"),
    ("质检专员", "Quality inspector"),
    ("培训专员", "Trainer"),
    ("数据分析员", "Data analyst"),
    ("工单协调员", "Ticket coordinator"),
    ("回访专员", "Call-back agent"),
]
VERBS = [
    ("负责", "Own"),
    ("组织", "Organise"),
    ("监督", "Supervise"),
    ("制定并执行", "Draw up and carry out"),
    ("跟踪并改进", "Track and improve"),
    ("统计并分析", "Collect and analyse"),
    ("协调", "Coordinate"),
]
OBJECTS = [
    ("客户咨询与投诉的受理和答复", "the intake of and answers to customer inquiries and complaints"),
    ("工单的调派、跟踪与关闭", "the dispatch, tracking and closing of tickets"),
    ("服务质量抽检与评分", "service-quality sampling and scoring"),
    ("人员排班与现场管理", "the staff rota and floor management"),
    ("新员工入职培训与在岗辅导", "induction training and on-the-job coaching for new staff"),
    ("客户回访与满意度调查", "customer call-backs and satisfaction surveys"),
    ("知识库的维护与更新", "keeping the knowledge base current"),
    ("服务数据报表的编制", "the service data reports"),
    ("重大投诉与突发事件的处置", "major complaints and sudden incidents"),
    ("跨部门问题的沟通与闭环", "cross-department issues, from first contact to closure"),
]
PURPOSES = [
    ("按照工作流程和服务标准", "according to the workflow and service standards"),
    ("以提升客户满意度为目标", "so that customer satisfaction keeps rising"),
    ("在规定时限内", "within the agreed time limits"),
    ("确保信息完整准确", "so that the records are complete and accurate"),
]
FREQUENCIES = ["daily", "weekly", "monthly", "quarterly", "per-event", "ongoing"]
EDUCATION = ["secondary", "associate", "bachelor", "master"]
MAJORS = [
    ("市场营销", "Marketing"),
    ("工商管理", "Business administration"),
    ("中文", "Chinese"),
    ("计算机", "Computing"),
    ("心理学", "Psychology"),
    ("统计学", "Statistics"),
]
SKILLS = [
    ("熟练使用办公软件", "Fluent with office software"),
    ("普通话标准", "Clear standard Mandarin"),
    ("熟悉服务系统", "Knows the service systems"),
    ("数据分析", "Data analysis"),
    ("英语读写", "Reads and writes English"),
]
COMPETENCIES = [
    ("沟通协调", "Communication"),
    ("抗压", "Resilience"),
    ("团队合作", "Teamwork"),
    ("客户导向", "Customer focus"),
    ("辅导他人", "Coaching"),
]
AUTHORITY = ["handle", "decide", "approve", "coordinate", "escalate", "propose"]

SHAPES = ("local", "wide")
WIDE_UNIT_SHARE = 0.15  # wide: managers of the layer below UNIT_LAYERS that head a unit of their own
WIDE_PROCESS_SHARE = 9  # wide: processes in ten that are company-wide
COMPANY_PROCESSES = [
    ("费用报销", "Expense claims"),
    ("采购审批", "Purchase approval"),
    ("合同审批", "Contract approval"),
    ("用印申请", "Company seal requests"),
    ("出差审批", "Business travel approval"),
    ("招聘需求审批", "Hiring requests"),
    ("固定资产领用", "Fixed-asset requisition"),
    ("系统权限申请", "System access requests"),
    ("培训报名", "Training enrolment"),
    ("信息安全事件报告", "Security incident reports"),
    ("付款申请", "Payment requests"),
    ("加班申请", "Overtime requests"),
]
STEP_VERBS = [
    ("提交", "Submit"),
    ("初审", "Check"),
    ("复核", "Re-check"),
    ("审批", "Approve"),
    ("登记", "Register"),
    ("执行", "Carry out"),
    ("归档", "File"),
    ("通报", "Report on"),
]


@dataclass(frozen=True)
class Kpi:
    id: str
    zh: str
    en: str
    unit: str
    higher: bool


KPI_KINDS = [
    ("csat", "客户满意度", "Customer satisfaction", "%", True, (80, 95)),
    ("fcr", "一次解决率", "First-contact resolution", "%", True, (70, 92)),
    ("closure", "工单按时关闭率", "Tickets closed on time", "%", True, (90, 99)),
    ("qa-score", "质检平均分", "Average QA score", "分", True, (80, 95)),
    ("aht", "平均处理时长", "Average handling time", "秒", False, (180, 420)),
    ("complaint-rate", "投诉率", "Complaint rate", "%", False, (1, 5)),
    ("attrition", "员工流失率", "Staff attrition", "%", False, (5, 20)),
    ("training-hours", "人均培训时长", "Training hours per person", "小时", True, (8, 40)),
]


@dataclass
class Role:
    id: str
    index: int
    layer: int
    unit: str
    reports_to: str | None
    zh: str
    en: str
    manager: bool = False
    children: list[str] = field(default_factory=list)


def text(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


class Generator:
    def __init__(self, n: int, seed: int, shape: str = "local") -> None:
        if shape not in SHAPES:
            raise ValueError(f"shape: one of {', '.join(SHAPES)}")
        self.n = n
        self.wide = shape == "wide"
        self.rng = random.Random(seed)
        # the wide shape's own choices come from a generator of their own, so that both shapes
        # have the same tree and roles and the local shape is the one every earlier figure had
        self.wide_rng = random.Random(f"wide-{seed}")
        self.roles: dict[str, Role] = {}
        self.units: list[dict] = []
        self.kpis: list[Kpi] = []
        self.blocks: list[dict] = []
        self.block_users: dict[str, list[str]] = {}

    def pick(self, items: list):  # type: ignore[no-untyped-def]
        return items[self.rng.randrange(len(items))]

    # -- shape -------------------------------------------------------------
    def shape(self) -> None:
        top = Role("r0", 0, 0, "u0", None, "客服事业部总经理", "General manager, customer service", True)
        self.roles[top.id] = top
        self.units.append({"id": "u0", "name": text("客服事业部", "Customer service division"), "head": "r0"})
        frontier = [top]
        count = 1
        while count < self.n and frontier:
            parent = frontier.pop(0)
            span = self.rng.randint(3, 10)
            for _ in range(min(span, self.n - count)):
                layer = parent.layer + 1
                manager = layer < MAX_LAYERS - 1 and self.rng.random() < 0.55
                role_id = f"r{count}"
                unit = parent.unit
                if manager and (layer <= UNIT_LAYERS or self._wide_unit(layer)):
                    unit = f"u{len(self.units)}"
                    region = REGIONS[count % len(REGIONS)]
                    function = FUNCTIONS[count % len(FUNCTIONS)]
                    self.units.append(
                        {
                            "id": unit,
                            "name": text(
                                f"{region[0]}{function[0]}{len(self.units)}部",
                                f"{region[1]} {function[1]} {len(self.units)}",
                            ),
                            "parent": parent.unit,
                            "head": role_id,
                        }
                    )
                zh, en = (
                    MANAGER_TITLES[min(layer, len(MANAGER_TITLES)) - 1]
                    if manager
                    else self.pick(STAFF_TITLES)
                )
                role = Role(role_id, count, layer, unit, parent.id, f"{zh}{count}", f"{en} {count}", manager)
                self.roles[role_id] = role
                parent.children.append(role_id)
                count += 1
                if manager:
                    frontier.append(role)
            if not frontier and count < self.n:
                frontier = [
                    r for r in self.roles.values() if r.layer < MAX_LAYERS - 1 and len(r.children) < 10
                ]
                for r in frontier:
                    r.manager = True

    def _wide_unit(self, layer: int) -> bool:
        return self.wide and layer == UNIT_LAYERS + 1 and self.wide_rng.random() < WIDE_UNIT_SHARE

    def staff(self) -> None:
        """Headcounts: up to 8 per front-line role, and enough managers to keep spans under 15 people."""
        self.headcount: dict[str, int] = {}
        for role in sorted(self.roles.values(), key=lambda r: -r.index):
            if role.children:
                people = sum(self.headcount[c] for c in role.children)
                self.headcount[role.id] = max(1, -(-people // 12))
            else:
                self.headcount[role.id] = self.rng.randint(1, 8)

    def catalogue(self) -> None:
        variants = max(4, self.n // 100)
        for v in range(variants):
            kind = KPI_KINDS[v % len(KPI_KINDS)]
            region = REGIONS[v % len(REGIONS)]
            self.kpis.append(
                Kpi(
                    f"{kind[0]}-{v}",
                    f"{region[0]}{kind[1]}{v}",
                    f"{kind[2]} ({region[1]}) {v}",
                    kind[3],
                    kind[4],
                )
            )

    # -- documents ---------------------------------------------------------
    def duty(self, role: Role, k: int) -> dict:
        verb, obj, purpose = self.pick(VERBS), self.pick(OBJECTS), self.pick(PURPOSES)
        duty = {
            "id": f"d{k}",
            "title": text(
                f"{verb[0]}{obj[0]},{purpose[0]}(岗位代号{letters(role.index)}{letters(k)})",
                f"{verb[1]} {obj[1]}, {purpose[1]} (role {letters(role.index)}{letters(k)})",
            ),
            "tasks": [
                text(
                    f"{self.pick(VERBS)[0]}{self.pick(OBJECTS)[0]}并形成记录{role.index}-{k}-{t}",
                    f"{self.pick(VERBS)[1]} {self.pick(OBJECTS)[1]} and keep a record {role.index}-{k}-{t}",
                )
                for t in range(self.rng.randint(1, 2) if k == 1 else 1)
            ],
            "frequency": self.pick(FREQUENCIES),
        }
        if self.rng.random() < 0.4:
            duty["deliverables"] = [text(f"工作报告{role.index}-{k}", f"Work report {role.index}-{k}")]
        if role.reports_to and self.rng.random() < 0.2:
            duty["informed"] = [role.reports_to]
        return duty

    def targets(self) -> list[dict]:
        chosen = self.rng.sample(self.kpis, k=min(len(self.kpis), self.rng.randint(2, 4)))
        weights = [100 // len(chosen)] * len(chosen)
        weights[0] += 100 - sum(weights)
        out = []
        for kpi, weight in zip(chosen, weights, strict=True):
            low, high = next(k[5] for k in KPI_KINDS if kpi.id.startswith(k[0] + "-"))
            comparator = ">=" if kpi.higher else "<="
            out.append(
                {
                    "kpi": kpi.id,
                    "target": f"{comparator} {self.rng.randint(low, high)}{kpi.unit}",
                    "weight": f"{weight}%",
                }
            )
        return out

    def role_document(self, role: Role) -> dict:
        doc: dict = {"id": role.id, "title": text(role.zh, role.en), "unit": role.unit}
        if role.reports_to:
            doc["reports_to"] = role.reports_to
        doc["headcount"] = self.headcount[role.id]
        doc["grade"] = f"{'M' if role.manager else 'P'}{max(1, MAX_LAYERS - role.layer)}"
        doc["family"] = "management" if role.manager else "customer-service"
        doc["purpose"] = text(
            f"在{self.pick(REGIONS)[0]}区域{self.pick(PURPOSES)[0]},{self.pick(VERBS)[0]}{self.pick(OBJECTS)[0]},"
            f"保证服务质量与效率(岗位{role.index})。",
            f"In the {self.pick(REGIONS)[1]} region, {self.pick(VERBS)[1].lower()} {self.pick(OBJECTS)[1]} "
            f"{self.pick(PURPOSES)[1]}, keeping service quality and efficiency high (role {role.index}).",
        )
        if self.blocks and not role.manager and self.rng.random() < 0.3:
            block = self.pick(self.blocks)
            doc["include"] = [block["id"]]
            self.block_users.setdefault(block["id"], []).append(role.id)
        doc["duties"] = [self.duty(role, k) for k in range(1, self.rng.randint(3, 4) + 1)]
        doc["kpis"] = self.targets()
        major = self.pick(MAJORS)
        doc["qualifications"] = {
            "education": self.pick(EDUCATION),
            "majors": [text(*major)],
            "experience": {"years": self.rng.randint(0, 8), "in": text("客户服务", "Customer service")},
            "skills": [text(*skill) for skill in self.rng.sample(SKILLS, 2)],
            "competencies": [text(*c) for c in self.rng.sample(COMPETENCIES, 2)],
        }
        doc["authority"] = [
            {"type": kind, "scope": text(f"{obj[0]}相关事项", f"Matters of {obj[1]}")}
            for kind, obj in zip(self.rng.sample(AUTHORITY, 2), self.rng.sample(OBJECTS, 2), strict=True)
        ]
        doc["environment"] = text("办公室为主,轮班工作", "Mostly in the office; shift work")
        if role.reports_to:
            doc["career"] = {"next": [role.reports_to]}
        return doc

    def make_blocks(self) -> None:
        for b in range(max(3, self.n // 100)):
            self.blocks.append(
                {
                    "id": f"block-{b}",
                    "title": text(f"通用职责{b}", f"Common duties {b}"),
                    "duties": [
                        {
                            "id": f"c{k}",
                            "title": text(
                                f"{VERBS[(b + k) % len(VERBS)][0]}{OBJECTS[(b * 3 + k) % len(OBJECTS)][0]}(通用{b}-{k})",
                                f"{VERBS[(b + k) % len(VERBS)][1]} {OBJECTS[(b * 3 + k) % len(OBJECTS)][1]} (common {b}-{k})",
                            ),
                            "frequency": FREQUENCIES[k % len(FREQUENCIES)],
                        }
                        for k in range(1, 3)
                    ],
                }
            )

    def process(self, p: int, managers: list[Role]) -> dict:
        owner = self.pick(managers)
        team = [self.roles[c] for c in owner.children] or [owner]
        steps = []
        count = self.rng.randint(3, 6)
        for s in range(1, count + 1):
            step = {
                "id": f"s{s}",
                "title": text(
                    f"{self.pick(VERBS)[0]}{self.pick(OBJECTS)[0]}(流程{p}第{s}步)",
                    f"{self.pick(VERBS)[1]} {self.pick(OBJECTS)[1]} (process {p}, step {s})",
                ),
                "responsible": sorted({self.pick(team).id for _ in range(self.rng.randint(1, 2))}),
                "sla": f"{self.rng.randint(1, 72)}h",
            }
            if self.rng.random() < 0.5:
                step["accountable"] = owner.id
            if self.rng.random() < 0.3:
                step["consulted"] = [owner.unit]
            if s < count:
                step["next"] = [f"s{s + 1}"]
            steps.append(step)
        return {
            "id": f"process-{p}",
            "title": text(
                f"{FUNCTIONS[p % len(FUNCTIONS)][0]}流程{p}",
                f"{FUNCTIONS[p % len(FUNCTIONS)][1]} process {p}",
            ),
            "owner": owner.id,
            "steps": steps,
        }

    def company_process(self, p: int, managers: list[Role], everyone: list[Role]) -> dict:
        """A company-wide process (报销, 采购审批): every step's parties from anywhere in the organisation."""
        rng = self.wide_rng
        name = COMPANY_PROCESSES[p % len(COMPANY_PROCESSES)]
        owner = managers[rng.randrange(len(managers))]
        units = [unit["id"] for unit in self.units]
        steps = []
        count = rng.randint(4, 8)
        for s in range(1, count + 1):
            verb = STEP_VERBS[(s - 1) % len(STEP_VERBS)]
            step: dict = {
                "id": f"s{s}",
                "title": text(
                    f"{verb[0]}{name[0]}事项(流程{p}第{s}步)", f"{verb[1]}: {name[1]} (process {p}, step {s})"
                ),
                "responsible": sorted(
                    {everyone[rng.randrange(len(everyone))].id for _ in range(rng.randint(1, 3))}
                ),
                "sla": f"{rng.randint(1, 5)}d",
            }
            chance = rng.random()
            if chance < 0.3:
                step["accountable"] = "@supervisor"  # each applicant's own supervisor
            elif chance < 0.7:
                step["accountable"] = managers[rng.randrange(len(managers))].id
            consulted = {managers[rng.randrange(len(managers))].id for _ in range(rng.randint(0, 3))}
            if consulted:
                step["consulted"] = sorted(consulted)
            informed = {units[rng.randrange(len(units))] for _ in range(rng.randint(0, 3))}
            if informed:
                step["informed"] = sorted(informed)
            if s < count:
                step["next"] = [f"s{s + 1}"]
            steps.append(step)
        return {
            "id": f"process-{p}",
            "title": text(f"{name[0]}流程{p}", f"{name[1]} process {p}"),
            "owner": owner.id,
            "steps": steps,
        }

    def processes(self) -> list[dict]:
        managers = [r for r in self.roles.values() if r.manager and r.children]
        everyone = [r for r in self.roles.values() if r.reports_to]  # each has a supervisor
        return [
            self.company_process(p, managers, everyone)
            if self.wide and p % 10 < WIDE_PROCESS_SHARE
            else self.process(p, managers)
            for p in range(max(1, self.n // 10))
        ]

    def write(self, root: Path) -> None:
        self.shape()
        self.staff()
        self.catalogue()
        self.make_blocks()
        specs = root / "specs"
        if root.exists():
            shutil.rmtree(root)
        for folder in ("roles", "kpis", "duties", "processes", "policies"):
            (specs / folder).mkdir(parents=True)
        (root / "orgc.yaml").write_text("languages: [zh, en]\n", encoding="utf-8")
        dump(
            specs / "org.yaml",
            {
                "id": "bench-group",
                "name": text("某集团客服事业部", "Group customer service"),
                "version": "bench",
                "units": self.units,
            },
        )
        for role in self.roles.values():
            dump(specs / "roles" / f"{role.id}.yaml", self.role_document(role))
        # A block nobody happened to include goes to a staffed front-line role.
        staff = [r for r in self.roles.values() if not r.manager]
        for block in self.blocks:
            if block["id"] not in self.block_users:
                holder = staff[len(self.block_users) % len(staff)]
                path = specs / "roles" / f"{holder.id}.yaml"
                doc = yaml.safe_load(path.read_text(encoding="utf-8"))
                doc["include"] = [*doc.get("include", []), block["id"]]
                dump(path, doc)
                self.block_users[block["id"]] = [holder.id]
            dump(specs / "duties" / f"{block['id']}.yaml", block)
        per_file = 50
        for start in range(0, len(self.kpis), per_file):
            dump(
                specs / "kpis" / f"catalogue-{start // per_file}.yaml",
                {
                    "kpis": [
                        {
                            "id": k.id,
                            "name": text(k.zh, k.en),
                            "definition": text(
                                f"{k.zh}的统计口径见数据字典",
                                f"How {k.en} is counted: see the data dictionary",
                            ),
                            "unit": k.unit,
                            "direction": "higher-is-better" if k.higher else "lower-is-better",
                            "period": "monthly",
                        }
                        for k in self.kpis[start : start + per_file]
                    ]
                },
            )
        processes = self.processes()
        for process in processes:
            dump(specs / "processes" / f"{process['id']}.yaml", process)
        for q in range(max(2, self.n // 200)):
            unit = self.units[q % len(self.units)]
            dump(
                specs / "policies" / f"policy-{q}.yaml",
                {
                    "id": f"policy-{q}",
                    "title": text(f"{unit['name']['zh']}管理制度", f"{unit['name']['en']} policy"),
                    "owner": unit["head"],
                    "applies_to": [unit["id"]],
                    "effective": "2026-01-01",
                    "review_by": "2030-12-31",
                    "refers_to": [processes[q % len(processes)]["id"]],
                    "sections": [
                        {
                            "title": text("目的", "Purpose"),
                            "body": text(
                                f"规范{unit['name']['zh']}的服务工作。",
                                f"Sets the rules for {unit['name']['en']}.",
                            ),
                        }
                    ],
                },
            )


def letters(number: int) -> str:
    """A number written with letters, so that texts differ where DUT005 ignores digits."""
    out = ""
    while True:
        number, digit = divmod(number, 26)
        out = chr(ord("A") + digit) + out
        if number == 0:
            return out


def dump(path: Path, data: dict) -> None:
    path.write_text(
        yaml.dump(
            data,
            Dumper=yaml.CSafeDumper,
            allow_unicode=True,
            sort_keys=False,
            width=200,
            default_flow_style=None,
        ),
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roles", type=int, help="number of roles")
    parser.add_argument("folder", type=Path, help="project folder to create (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shape", choices=SHAPES, default="local", help="local (default) or wide processes")
    args = parser.parse_args(argv)
    if args.roles < 10:
        parser.error("at least 10 roles")
    Generator(args.roles, args.seed, args.shape).write(args.folder)
    print(f"{args.roles} roles ({args.shape}) in {args.folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
