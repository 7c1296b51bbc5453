"""The help texts of the command line in Chinese (private).

Each command's ``help=``, ``description=`` and ``epilog=`` texts are written in English in
its ``_cli.py``; this table gives each one's Chinese, keyed by the English text exactly as
argparse holds it (``%%`` for a percent sign, ``%(default)s`` and the like kept as they
are). :class:`govefficiency._cli_util.CliHelpFormatter` looks them up when ``--help`` is
printed in Chinese. ``tests/core/test_cli_help.py`` walks the whole parser tree and fails
on any text missing here: add the Chinese beside a new or changed English text.

Terms follow ``docs`` and the domain glossary: 工作日, 期限, 中止, 延长, 牵头单位/配合单位,
提醒函, 督查通知, 台账 (建账, 查账, 对账, 交账), 时间节点, 重大行政决策, 绩效考评, 一票否决.
"""

from __future__ import annotations

from govefficiency._kinds import KINDS

_DB = "SQLite 文件或 postgresql://HOST[:PORT]/DATABASE?ledger=ID 网址"
_DB_EN = "a SQLite file or a postgresql://HOST[:PORT]/DATABASE?ledger=ID URL"
_KINDS = ", ".join(kind.name for kind in KINDS)  # as validate/schema list them
_KINDS_ZH = _KINDS.replace(", ", "、")

HELP_ZH: dict[str, str] = {
    # argparse's own headings and options (also translated through gettext while parsing)
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    # govefficiency
    "Working-day deadlines, responsibility, decisions, ledgers and escalation for Chinese "
    "administrative efficiency (行政效能).": "行政效能建设：按工作日计算的法定期限、牵头/配合责任、"
    "重大行政决策、清单台账和督办升级。",
    "check approval flows (审批流程) and track projects through them": "检查审批流程，跟踪项目的审批进度",
    "performance assessment (绩效考评): scores, one-vote vetoes, ranking, grades": "绩效考评：得分、一票否决、排名、等次",
    "show each day's kind (working day, holiday, 调休, 补班) in the PRC calendar": "显示我国工作日历中每天的类别"
    "（工作日、节假日、调休、补班）",
    "compute a legal deadline (working days, days, months, years, hours or a statute rule)": "计算法定期限"
    "（工作日、日、月、年、小时或法定期限规则）",
    "list the statute presets": "列出内置的法定期限规则",
    "check a major-decision record (重大行政决策) against its procedure, or plan what remains": "按法定程序检查"
    "重大行政决策记录，或列出尚需履行的程序",
    "list the escalation actions due now (yellow/red lights, reminder letters, notices)": "列出当前应采取的督办"
    "升级措施（黄灯/红灯、提醒函、督查通知）",
    "checklist ledger (台账) in a SQLite file or PostgreSQL: open items, June check, reconcile, settle, "
    "verify": "清单台账（SQLite 文件或 PostgreSQL）：建账、6月查账、9月对账、年底交账、校验",
    "check an org chart and key-task list (牵头/配合), route reminder letters (提醒函)": "检查组织架构和重点任务"
    "清单（牵头/配合），确定提醒函的发送对象",
    "window services (窗口服务): catalogue, yellow/red clocks, complaints, satisfaction": "窗口服务：事项目录、"
    "黄灯/红灯计时、效能投诉、满意度",
    "check files (org charts, checklists, procedures, policies…) like a linter": "像 linter 一样校验文件"
    "（组织架构、清单、程序、策略等）",
    "print the JSON Schema of a file kind": "输出某类文件的 JSON Schema",
    # approvals
    "Approval flows: check a flow file for mutual prerequisites, a critical path over the committed "
    "limit, unlisted items, steps without a unit and serial steps that could run in parallel; track a "
    "project at an instant; draw either as a Mermaid Gantt chart.": "审批流程：检查流程文件中互为前置的审批、"
    "超过承诺时限的关键路径、清单外事项、没有办理单位的环节以及可以并联办理的串联环节；在某一时刻跟踪项目；"
    "将流程或项目绘成 Mermaid 甘特图。",
    "report the flow's defects as findings (exit 1 on errors, 3 when undetermined)": "以检查结果报告流程的缺陷"
    "（有错误时退出码为 1，无法确定时为 3）",
    "a project's steps, late steps, projected completion and slack at an instant": "某一时刻项目的各环节、"
    "逾期环节、预计办结日期和余量",
    "a Mermaid Gantt chart of a flow (--start) or of a tracked project (--project, --at)": "流程（--start）或"
    "所跟踪项目（--project、--at）的 Mermaid 甘特图",
    "Check a flow file (.toml/.json).": "检查流程文件（.toml/.json）。",
    "the flow file (.toml or .json)": "流程文件（.toml 或 .json）",
    "the day the first application is accepted": "首个申请的受理日期",
    "a .toml/.json file with `items = [...]`: the published list": "含 `items = [...]` 的 .toml/.json 文件："
    "公布的审批事项清单",
    "a project's investment (joint review threshold)": "项目投资额（用于判断是否联审联批）",
    "a calendar patch file (.toml/.json), e.g. next year's State Council holiday notice; may "
    "repeat": "工作日历补丁文件（.toml/.json），如国务院办公厅发布的下一年度放假通知；可重复",
    "answer beyond the published holiday arrangement from the statutory rules (flagged "
    "provisional)": "超出已公布放假安排的日期按法定规则推算（标为暂定）",
    "language of the output, accepted anywhere on the line (default: $GOVEFFICIENCY_LANG, then zh "
    "if $LANG is zh_*, else en)": "输出语言，可写在命令行任意位置（默认取 $GOVEFFICIENCY_LANG；"
    "其次 $LANG 为 zh_* 时为 zh，否则为 en）",
    "print JSON instead of text": "输出 JSON 而非文本",
    "Track a project (.toml/.json events) through its flow at an instant.": "在某一时刻按流程跟踪项目"
    "（.toml/.json 事件文件）。",
    "the project file (.toml or .json)": "项目文件（.toml 或 .json）",
    "ISO date-time (default zone Asia/Shanghai)": "ISO 日期时间（默认时区 Asia/Shanghai）",
    "Print a Mermaid Gantt chart.": "输出 Mermaid 甘特图。",
    "lay the flow out from this day": "自此日起排布流程",
    "a project file: draw the project instead": "项目文件：改为绘制该项目",
    "the instant (with --project)": "时刻（与 --project 同用）",
    "a project's investment (with --start)": "项目投资额（与 --start 同用）",
    # assess
    "Assess the units of a metrics table under a scheme for one period: per-indicator arithmetic, "
    "one-vote vetoes (一票否决), ranking, grades with quotas, change of rank and the top/bottom lists. "
    "Exit 1 when error findings (e.g. a missing metric) exist, 2 on bad input.": "按考评方案对指标表中的"
    "各单位进行一个期间的绩效考评：逐项计算、一票否决、排名、按比例评定等次、名次变化以及前列和末位名单。"
    "有错误检查结果（如缺少某项指标）时退出码为 1，输入有误时为 2。",
    "the scheme (.toml/.json) or a preset: yanshou-execution, nanyang-quarterly": "考评方案（.toml/.json）"
    "或内置方案：yanshou-execution、nanyang-quarterly",
    "one or more metrics tables (.csv, or .toml/.json with [[units]] and [[metrics]]), merged": "一个或多个"
    "指标表（.csv，或含 [[units]] 和 [[metrics]] 的 .toml/.json），合并使用",
    "the period: 2026Q3, 2026-07 or 2026": "考评期间：2026Q3、2026-07 或 2026",
    "a ledger (SQLite, or .jsonl export): adds its settlement and rates": "台账（SQLite 或 .jsonl 导出文件）："
    "计入其交账结果和督查指标",
    "ledger item category counted as key work (default: 重点工作); repeatable": "计为重点工作的台账事项类别"
    "（默认：重点工作）；可重复",
    "the previous period's JSON report, for the change of rank": "上一期间的 JSON 考评结果，用于计算名次变化",
    "an org chart: units in the metrics tables may be written by name or alias (市教育局)": "组织架构文件："
    "指标表中的单位可写名称或别名（如 市教育局）",
    "explain one unit's arithmetic in full": "完整说明某一单位的计算过程",
    "with --ledger: also appraise the officers (年底按台账考评干部)": "与 --ledger 同用：同时考评干部"
    "（年底按台账考评干部）",
    # calendar
    "Print each day's kind and holiday name in the official PRC calendar, or with --month YYYY-MM a "
    "month grid (Monday first) with 休/班 marks and a legend. 'govefficiency calendar impact --help': "
    "which stored deadlines a new notice changes.": "显示官方工作日历中每天的类别和节假日名称；或以 "
    "--month YYYY-MM 输出月历（周一在前），标出休/班并附图例。'govefficiency calendar impact --help'："
    "新的放假通知会改变哪些已存的期限。",
    "the first (or only) day, YYYY-MM-DD; or 'impact'": "起始（或唯一）日期 YYYY-MM-DD；或 'impact'",
    "the first (or only) day, YYYY-MM-DD": "起始（或唯一）日期 YYYY-MM-DD",
    "the last day of the range (inclusive)": "范围的最后一天（含当日）",
    "print the month as a grid (Monday first), rest days marked 休 and make-up working days 班, with a "
    "legend naming them": "以月历形式输出该月（周一在前），休息日标“休”，补班日标“班”，并以图例注明名称",
    "answer beyond the published arrangement from the statutory rules": "超出已公布放假安排的日期按法定规则推算",
    "do not work make-up weekends (补班)": "周末补班日不上班（不计补班）",
    "apply a calendar patch file (.toml/.json); may repeat": "应用工作日历补丁文件（.toml/.json）；可重复",
    "List every stored deadline whose due date or status changes when a new calendar patch (e.g. next "
    "year's State Council notice) is applied, with the old and new dates and the days that caused the "
    "change. Exit 0: nothing changes; 1: something changes; 2: bad input; 3: some items cannot be "
    "computed with either calendar.": "应用新的工作日历补丁（如国务院办公厅发布的下一年度放假通知）后，"
    "列出截止日期或状态发生变化的每个已存期限，给出新旧日期和引起变化的日子。退出码 0：没有变化；"
    "1：有变化；2：输入有误；3：部分事项在新旧日历下都无法计算。",
    "a deadlines file ([[deadlines]]), an escalation cases file ([[cases]]) or a ledger "
    "(.sqlite/.db/.jsonl)": "期限文件（[[deadlines]]）、督办案件文件（[[cases]]）或台账（.sqlite/.db/.jsonl）",
    "the new patch (.toml/.json), e.g. next year's arrangement; may repeat": "新的补丁（.toml/.json），"
    "如下一年度的放假安排；可重复",
    "a patch already in force, applied to both calendars; may repeat": "已生效的补丁，新旧两个日历都应用；可重复",
    "the old calendar stops at the published data (default: provisional beyond it, as deadlines into "
    "next year were computed)": "旧日历止于已公布的数据（默认：超出部分按法定规则暂定推算，与当初计算"
    "跨年期限时相同）",
    # deadline, rules
    "Compute a legal deadline following 民法典 arts. 200-203 and the working-day statutes, with "
    "suspensions and an extension, and explain each step.": "依照民法典第二百条至第二百零三条和以工作日"
    "计算期限的法律规定计算法定期限，可有中止和延长，并说明每一步。",
    "the start day YYYY-MM-DD (an ISO date-time for --hours); for a 'before' rule, the event day": "起算日 "
    "YYYY-MM-DD（--hours 时为 ISO 日期时间）；倒数期限的规则则为事件发生日",
    "a period of N working days": "期间为 N 个工作日",
    "a period of N calendar days": "期间为 N 日（自然日）",
    "a period of N months": "期间为 N 个月",
    "a period of N years": "期间为 N 年",
    "a period of N hours from the start instant": "期间为 N 小时，自起算时刻起算",
    "a statute preset (see `govefficiency rules`)": "内置的法定期限规则（见 `govefficiency rules`）",
    "count backwards: the latest day that leaves the period before START": "倒数计算：在 START 之前留足期间的"
    "最晚日期",
    "days not counted, inclusive (may repeat)": "不计入期限的日子，含首尾两日（中止；可重复）",
    "an approved extension of N units of the period": "经批准延长 N 个期间单位",
    "the day the extension was approved (required with --extend)": "批准延长的日期（使用 --extend 时必填）",
    "print each step of the computation": "输出计算的每一步",
    "a local rule file (.toml/.json, the presets' format) whose rules --rule may name, beside the "
    "presets": "本地规则文件（.toml/.json，格式与内置规则相同），除内置规则外，--rule 也可引用其中的规则",
    "also write the due date as an all-day event to an iCalendar file (needs the icalendar package: "
    "pip install 'govefficiency[ics]')": "同时将截止日期作为全天事件写入 iCalendar 文件（需要 icalendar 包："
    "pip install 'govefficiency[ics]'）",
    "the instant of the answer, ISO 8601 (no offset: Asia/Shanghai); stamps the .ics file (DTSTAMP). "
    "Default: the start of the start day": "计算时刻，ISO 8601（不带时区偏移时按 Asia/Shanghai）；"
    "用作 .ics 文件的时间戳（DTSTAMP）。默认：起算日零时",
    "print the deadline as a Mermaid Gantt chart (its pauses and extensions) instead of text": "以 Mermaid "
    "甘特图（含中止和延长）代替文本输出期限",
    "List the shipped statute presets.": "列出随附的法定期限规则。",
    # decision
    "Check a major administrative decision's record against the statutory procedure (State Council "
    "decree 713 and presets), or list what is still required and when.": "按法定程序（国务院令第713号"
    "《重大行政决策程序暂行条例》及内置程序）检查重大行政决策记录，或列出尚需履行的程序及其日期。",
    "report procedural defects; exit 1 if any is an error": "报告程序缺陷；有错误时退出码为 1",
    "list the steps still required and the earliest lawful date of each": "列出尚需履行的程序及各自最早的"
    "合法日期",
    "Report the procedural defects of a decision record, like a linter. Exit status: 0 no error "
    "findings, 1 error findings, 2 bad input.": "像 linter 一样报告决策记录的程序缺陷。退出码：0 无错误，"
    "1 有错误，2 输入有误。",
    "the decision record (.toml or .json)": "决策记录（.toml 或 .json）",
    "a preset (national, seed-practice; default national) or a spec file (.toml/.json)": "内置程序"
    "（national、seed-practice；默认 national）或程序规范文件（.toml/.json）",
    "List what a decision in progress still requires and the earliest lawful date of each "
    "step.": "列出进行中的决策尚需履行的程序及每一步最早的合法日期。",
    "plan no step before this date (YYYY-MM-DD)": "不把任何步骤安排在此日之前（YYYY-MM-DD）",
    "also write each remaining step, on its latest (else earliest) lawful date, as an all-day event to "
    "an iCalendar file (needs the icalendar package: pip install 'govefficiency[ics]')": "同时将尚需履行的"
    "每一步按其最迟（没有最迟时按最早）合法日期作为全天事件写入 iCalendar 文件（需要 icalendar 包："
    "pip install 'govefficiency[ics]'）",
    "when the .ics file is made, ISO 8601 (no offset: Asia/Shanghai): its DTSTAMP. Default: the start of "
    "the --on day": ".ics 文件的生成时刻，ISO 8601（不带时区偏移时按 Asia/Shanghai）：即其 DTSTAMP。"
    "默认：--on 当日零时",
    "print the plan as a Mermaid Gantt chart (each step from its earliest to its latest lawful date) "
    "instead of text": "以 Mermaid 甘特图（每一步从最早到最迟的合法日期）代替文本输出计划",
    # escalate
    "Evaluate an escalation policy over a cases file, or over the time nodes of a ledger, at an "
    "instant. Each action fires once: with --history FILE, actions already taken are skipped and the "
    "new ones are saved to the file (atomically, under a lock) before they are printed. Exit 3: part of "
    "the answer is undetermined (e.g. next year's holidays not loaded); exit 5: some role could not be "
    "resolved to a recipient.": "在某一时刻，按督办升级策略评估案件文件或台账的时间节点。每项措施只触发"
    "一次：给出 --history FILE 时，跳过已采取的措施，新措施在输出前存入该文件（加锁，原子写入）。"
    "退出码 3：部分结果无法确定（如下一年度的放假安排尚未载入）；退出码 5：有角色无法确定接收人。",
    "a shipped policy (e-supervision-lights, reminder-letter-flow, upward-reminder, handling-limits) or "
    "a policy file": "内置策略（e-supervision-lights、reminder-letter-flow、upward-reminder、"
    "handling-limits）或策略文件",
    "the cases file (.toml/.json; format in docs/escalation.md); or use --ledger": "案件文件"
    "（.toml/.json；格式见 docs/escalation.md）；或改用 --ledger",
    "build the cases from the time nodes of a ledger (a SQLite file or a postgresql://…?ledger=ID "
    "URL)": "由台账的时间节点生成案件（SQLite 文件或 postgresql://…?ledger=ID 网址）",
    "an org-chart file: resolves leaders, offices and unit names (overrides the cases file's "
    "org)": "组织架构文件：用于确定领导、科室和单位名称（优先于案件文件中的组织架构）",
    "the instant of evaluation, ISO 8601 (no offset: Asia/Shanghai)": "评估时刻，ISO 8601（不带时区偏移时按 "
    "Asia/Shanghai）",
    "JSON file of actions already taken (with their 签收/反馈 dates); new actions are added to "
    "it": "已采取措施的 JSON 文件（含签收/反馈日期）；新措施追加其中",
    # ledger
    "The annual checklist ledger (清单+台账) kept in a SQLite file or a PostgreSQL database "
    "(postgresql://HOST/DB?ledger=ID; credentials from PGPASSWORD, .pgpass or a service file, never "
    "the command line): open the year's items (年初建账), June check (6月查账), September reconciliation "
    "(9月对账), year-end settlement (年底交账), reports and hash-chain verification.": "年度清单台账"
    "（清单+台账），保存在 SQLite 文件或 PostgreSQL 数据库中（postgresql://HOST/DB?ledger=ID；凭据取自 "
    "PGPASSWORD、.pgpass 或服务文件，绝不取自命令行）：年初建账、6月查账、9月对账、年底交账、情况报告和"
    "哈希链校验。",
    "create an empty ledger (or upgrade its schema)": "新建空台账（或升级其数据结构）",
    "open the items of a checklist file (年初建账)": "按清单文件建立台账事项（年初建账）",
    "each item's state and the supervision rates as of a date": "截至某日各事项的状态和督查指标",
    "the June check (6月查账): time elapsed against work done": "6月查账：对照时间进度检查任务进度",
    "the September reconciliation (9月对账): supervision notices": "9月对账：下发督查通知",
    "the monthly review (一月一讲评): per unit and officer, who reported in the month and who is behind": (
        "一月一讲评：按单位和责任人列出本月报送与滞后情况"
    ),
    "the month reviewed; the ledger is read as of the end of its last day (Asia/Shanghai)": (
        "讲评的月份；台账按该月最后一天结束时（北京时间）读取"
    ),
    "the year-end settlement (年底交账)": "年底交账",
    "verify the hash chain (exit 1 when it is broken)": "校验哈希链（链断裂时退出码为 1）",
    "print the head of the chain (SEQ:HASH), signed with a key (SEQ:HASH:MAC)": "输出哈希链的链头"
    "（SEQ:HASH），或以密钥签名的链头（SEQ:HASH:MAC）",
    "export every entry as JSON Lines": "将全部记录导出为 JSON Lines",
    "import a JSON Lines export into an empty database": "将 JSON Lines 导出文件导入空数据库",
    "copy a ledger between SQLite and PostgreSQL with its hash chain intact": "在 SQLite 与 PostgreSQL 之间"
    "复制台账，哈希链保持完整",
    "record an item's progress (appends an entry)": "记录事项进度（追加一条记录）",
    "record an item as complete (100%%; appends an entry)": "记录事项已完成（100%%；追加一条记录）",
    "correct a progress entry (appends a correction; the original stays in the ledger)": "更正一条进度记录"
    "（追加一条更正记录；原记录仍保留在台账中）",
    _DB_EN: _DB,
    "the checklist file (.toml or .json)": "清单文件（.toml 或 .json）",
    "when the items are opened (default: the file's opened_at)": "建账时刻（默认：文件中的 opened_at）",
    "the review date YYYY-MM-DD (its end, Asia/Shanghai) or an ISO instant": "检查日期 YYYY-MM-DD"
    "（按当日结束时，Asia/Shanghai）或 ISO 时刻",
    "also write every item's time nodes (时间节点) and deadline as of --at as all-day events to an "
    "iCalendar file, stamped --at (needs the icalendar package: pip install "
    "'govefficiency[ics]')": "同时将截至 --at 各事项的时间节点和完成时限作为全天事件写入 iCalendar 文件，"
    "时间戳为 --at（需要 icalendar 包：pip install 'govefficiency[ics]'）",
    "a review policy file (.toml/.json)": "检查策略文件（.toml/.json）",
    "percentage points an item may lag and be on track": "事项滞后多少个百分点以内仍算进度正常",
    "compare with elapsed time or the plan": "与时间进度（time）或计划进度（plan）比较",
    "count calendar days, not working days": "按自然日而非工作日计算",
    "print only; do not record review entries": "只输出，不记录查账结果",
    "when the entries are recorded (default: the --at instant)": "记录时刻（默认：--at 的时刻）",
    "print only; do not record the notices": "只输出，不记录督查通知",
    "print only; do not record settlement entries": "只输出，不记录交账结果",
    "a head recorded earlier (`ledger anchor`), to detect truncation and rewrites; a keyed one "
    "(SEQ:HASH:MAC) also detects forged appends and needs its key": "此前记下的链头（`ledger anchor`），"
    "用于发现截断和改写；带密钥的链头（SEQ:HASH:MAC）还能发现伪造的追加记录，须提供其密钥",
    "the secret anchor key: a file of at least 16 bytes (e.g. `openssl rand -hex 32 > ledger.key`; one "
    "trailing newline is ignored)": "锚点密钥：至少 16 字节的文件（如 `openssl rand -hex 32 > "
    "ledger.key`；末尾的一个换行符不计）",
    "the secret anchor key: the environment variable NAME": "锚点密钥：取自环境变量 NAME",
    "with a keyed anchor: accept entries after its head (reported as not attested)": "使用带密钥的链头时："
    "接受链头之后的记录（报告为未经证明）",
    "the .jsonl file to write": "要写出的 .jsonl 文件",
    _DB_EN + " (created if missing; must be empty)": _DB + "（不存在时新建；须为空）",
    "the .jsonl file to read": "要读取的 .jsonl 文件",
    "the ledger to copy: " + _DB_EN: "要复制的台账：" + _DB,
    "an empty or new ledger: " + _DB_EN: "空台账或新台账：" + _DB,
    "the item id": "事项编号",
    "share complete, 0-100": "完成比例，0-100",
    "when it is recorded: an ISO instant, or YYYY-MM-DD (the end of that day, Asia/Shanghai)": "记录时刻："
    "ISO 时刻，或 YYYY-MM-DD（当日结束时，Asia/Shanghai）",
    "the day the progress stands as of (default: the day of --at)": "进度截至的日期（默认：--at 当日）",
    "what was done (narrative)": "工作情况（文字说明）",
    "an evidence id (may repeat)": "佐证材料编号（可重复）",
    "the sequence number of the progress entry to correct": "要更正的进度记录的序号",
    "the corrected share, 0-100": "更正后的完成比例，0-100",
    # responsibility
    "Lead/assist responsibility: check an org chart and key-task list file (.toml/.json), route "
    "reminder letters, find a dispute's coordinator, export drawings.": "牵头/配合责任：检查组织架构和重点"
    "任务清单文件（.toml/.json），确定提醒函的发送对象，找出协调争议的领导，导出图形。",
    "report every defect as findings (exit 1 on any error)": "以检查结果报告每个缺陷（有错误时退出码为 1）",
    "route a reminder letter (提醒函) to a slow assisting unit": "确定发给进度缓慢的配合单位的提醒函的"
    "发送、报送和抄送对象",
    "the lowest leader who supervises all the units in a dispute": "分管争议各方全部单位的最低一级领导",
    "print the file as DOT, Mermaid, GraphML, JSON or TOML": "以 DOT、Mermaid、GraphML、JSON 或 TOML "
    "格式输出文件",
    "Check the file.": "检查文件。",
    "the org chart and key-task list (.toml or .json)": "组织架构和重点任务清单（.toml 或 .json）",
    "Who sends, receives, is reported to and is copied on a reminder letter (seed 003).": "提醒函由谁发出、"
    "由谁接收、报送谁、抄送谁（依据南阳市文件，seed 003）。",
    "the task's id": "任务编号",
    "the slow assisting unit's id": "进度缓慢的配合单位的编号",
    "The leader who coordinates a disagreement between units (seed 002 item 7).": "协调单位之间分歧的领导"
    "（依据延寿县文件第 7 项，seed 002）。",
    "the ids of the units in dispute": "争议各单位的编号",
    "Convert the org chart for drawing (dot, mermaid, graphml) or re-saving (json, "
    "toml).": "转换组织架构，用于绘图（dot、mermaid、graphml）或另存（json、toml）。",
    "output format": "输出格式",
    # services
    "Check a service catalogue, show the e-supervision lights of applications, check efficiency "
    "complaints and satisfaction surveys.": "检查服务事项目录，显示办件的电子监察亮灯情况，检查效能投诉和"
    "满意度调查。",
    "check a service catalogue (exit 1 on error findings)": "检查服务事项目录（有错误时退出码为 1）",
    "the yellow/red list of applications at an instant": "某一时刻亮黄灯/红灯的办件清单",
    "check efficiency complaints (效能投诉) at an instant": "在某一时刻检查效能投诉",
    "satisfaction rates with Wilson 95%% intervals": "满意率及其 Wilson 95%% 置信区间",
    "Check a catalogue file.": "检查服务事项目录文件。",
    "the catalogue (.toml or .json)": "服务事项目录（.toml 或 .json）",
    "a locality's own statute rules (.toml/.json), added to the presets": "本地的法定期限规则"
    "（.toml/.json），与内置规则一并使用",
    "Two-level clocks: yellow past the committed limit, red past the statutory limit.": "两级计时：超过承诺"
    "时限亮黄灯，超过法定时限亮红灯。",
    "the applications (.toml or .json)": "办件文件（.toml 或 .json）",
    "the instant (ISO 8601; no offset means Asia/Shanghai)": "时刻（ISO 8601；不带时区偏移时按 Asia/Shanghai）",
    "a locality's own statute rules, added to the presets": "本地的法定期限规则，与内置规则一并使用",
    "list every application, not only yellow, red and undetermined ones": "列出全部办件，而不只是亮黄灯、"
    "红灯和无法确定的办件",
    "also print the assessment inputs: metric rows (unit, indicator, period, value, source)": "同时输出考评"
    "数据：指标行（单位、指标、期间、数值、来源）",
    "Complaint steps, findings and statistics.": "投诉办理环节、检查结果和统计。",
    "the complaints file with the locality's [rules] (.toml or .json)": "含本地 [rules] 的投诉文件"
    "（.toml 或 .json）",
    "the instant (ISO 8601)": "时刻（ISO 8601）",
    "statistics period (default month)": "统计期间（默认为月）",
    "Check a satisfaction survey against its target.": "对照目标检查满意度调查。",
    "the survey (.toml or .json)": "满意度调查文件（.toml 或 .json）",
    # validate, schema
    "Load each file with the library's own loader, run its checks and print 'file:line:col: CODE "
    "message' per problem. Exit 0: all valid; 1: problems found; 2: a file could not be read or the "
    f"usage is wrong. Kinds: {_KINDS}.": "用本库自己的加载程序读取每个文件并运行其检查，每个问题输出一行 "
    "'file:line:col: CODE message'。退出码 0：全部有效；1：发现问题；2：有文件无法读取或用法有误。"
    f"文件类别：{_KINDS_ZH}。",
    "TOML or JSON files, or ledger exports (.jsonl)": "TOML 或 JSON 文件，或台账导出文件（.jsonl）",
    "the kind of every file (default: recognised per file)": "所有文件的类别（默认：逐个文件识别）",
    'Print the JSON Schema (draft 2020-12) of a file kind, for editors: point to it with "$schema" in '
    "JSON or a '#:schema' comment in TOML (Taplo).": "输出某类文件的 JSON Schema（draft 2020-12），"
    "供编辑器使用：在 JSON 中以 \"$schema\" 引用，在 TOML 中以 '#:schema' 注释引用（Taplo）。",
    f"one of: {_KINDS}": f"以下之一：{_KINDS_ZH}",
    # ledger signatures (Ed25519)
    "Write a new signing key for UNIT to FILE (readable by its owner only; never overwritten) and print its "
    "public key as a line of a public-key file.": "为 UNIT 生成新的签名密钥并写入 FILE（仅所有者可读；从不覆盖），"
    "并以公钥文件中一行的形式输出其公钥。",
    "also check each entry's Ed25519 signature: a TOML/JSON table unit = public key": "同时核验每条记录的 "
    "Ed25519 签名：TOML/JSON 表，单位 = 公钥",
    "make a recording unit's Ed25519 signing key (needs the [sign] extra)": "为记录单位生成 Ed25519 签名密钥"
    "（需安装 [sign] 扩展）",
    "sign the new entries with this unit's key (from `ledger keygen`)": "用本单位的密钥（由 `ledger keygen` "
    "生成）为新记录签名",
    "the id of the unit that will sign what it records": "将为其所记内容签名的单位 id",
    "the new key file": "新的密钥文件",
    "with --public-keys: the supervising office, which records (and signs) the entries that are not a unit's "
    "own progress or rectification": "与 --public-keys 同用：督查机构，由其记录（并签名）非单位自身进展或整改的记录",
}
