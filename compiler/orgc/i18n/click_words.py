"""Click's own words (usage errors, ``Error:``, ``Usage:``) in Chinese, by click's English text.

Click says them through ``gettext``; ``cli.py`` gives click a ``gettext`` that looks them up here
when the run speaks Chinese. A text click says that is not here stays in English: the test of
usage errors in Chinese fails when a new click version rewords one that is.
"""

from __future__ import annotations

ZH: dict[str, str] = {
    "Error: {message}": "错误：{message}",
    "Usage:": "用法：",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Invalid value: {message}": "值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "No such option {name!r}.": "没有选项“{name}”。",
    "No such command {name!r}.": "没有命令“{name}”。",
    "Did you mean {possibility}?": "是不是要写 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是要写其中之一：{possibilities}？）",
    "Option {name!r} does not take a value.": "选项“{name}”不接受值。",
    "Option {name!r} requires an argument.": "选项“{name}”需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项“{name}”需要 {nargs} 个值。",
    "Argument {name!r} takes {nargs} values.": "参数“{name}”需要 {nargs} 个值。",
    "Got unexpected extra argument ({args})": "多出了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）",
    "Missing command.": "缺少命令。",
    "{value!r} is not {choice}.": "“{value}”不是 {choice}。",
    "{value!r} is not one of {choices}.": "“{value}”不是以下之一：{choices}。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的数字。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 之内。",
    "{name} {filename!r} does not exist.": "“{filename}”不存在。",
    "{name} {filename!r} is a file.": "“{filename}”是文件，不是文件夹。",
    "{name} {filename!r} is a directory.": "“{filename}”是文件夹，不是文件。",
    "{name} {filename!r} is not readable.": "“{filename}”不可读。",
    "{name} {filename!r} is not writable.": "“{filename}”不可写。",
    "{name} {filename!r} is not executable.": "“{filename}”不可执行。",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "unknown error": "未知错误",
    "Aborted!": "已中止。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    # The same words as click 8.2.0 (the lowest release pyproject.toml allows) says them.
    "No such option: {name}": "没有选项“{name}”。",
    "{value!r} is not a valid boolean.": "“{value}”不是有效的布尔值。",
    "Error: {e.message}": "错误：{e.message}",
    "Error: The value you entered was invalid.": "错误：输入的值无效。",
}


def said(text: str, lang: str) -> str:
    """Click's ``text`` in ``lang``: Chinese where this table has it, else click's English."""
    return ZH.get(text, text) if lang == "zh" else text
