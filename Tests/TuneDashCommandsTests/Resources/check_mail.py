"""Checks every .eml file in a folder with Python's email package (policy.default) and html5lib.

Usage: check_mail.py FOLDER [REPORT_JSON]
Prints one line per problem and exits 1 if there is any; prints "ok N" otherwise.
With REPORT_JSON (a build's report.json for the same week), also checks that owners.eml shows
the 7-day range's headline numbers and one line per comparison of model versions.
"""
import email
import email.utils
import json
import pathlib
import re
import sys
from email import policy

import html5lib

ELEMENTS = {"html", "head", "meta", "title", "body", "div", "table", "tbody", "tr", "td", "th",
            "h1", "h2", "p", "a", "strong", "br", "span"}
ATTRIBUTES = {"lang", "charset", "name", "content", "style", "role", "width", "cellpadding",
              "cellspacing", "align", "href"}
REQUIRED = ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"]
problems = []


def check_html(name, html):
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag and tag not in ELEMENTS:
            problems.append(f"{name}: element <{tag}> in the HTML part")
        for attribute, value in element.attrib.items():
            if attribute not in ATTRIBUTES:
                problems.append(f"{name}: attribute {attribute} on <{tag}>")
            if attribute == "href" and not re.match(r"^(https?://|mailto:)", value):
                problems.append(f"{name}: link to {value!r}")
            if attribute == "style" and re.search(r"url\(|expression|@import", value, re.I):
                problems.append(f"{name}: remote resource in a style: {value!r}")


def check_message(path):
    name = path.name
    raw = path.read_bytes()
    message = email.message_from_bytes(raw, policy=policy.default)
    for header in REQUIRED:
        if message[header] is None:
            problems.append(f"{name}: no {header} header")
    for defect in message.defects:
        problems.append(f"{name}: defect {defect!r}")
    for header in message.keys():
        for defect in getattr(message[header], "defects", []):
            problems.append(f"{name}: {header} defect {defect!r}")
    if email.utils.parsedate_to_datetime(str(message["Date"])) is None:
        problems.append(f"{name}: unreadable Date")
    if not re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", str(message["Message-ID"])):
        problems.append(f"{name}: malformed Message-ID {message['Message-ID']}")
    for address in message["To"].addresses:
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", address.addr_spec):
            problems.append(f"{name}: bad recipient")
    if message.get_content_type() != "multipart/alternative":
        problems.append(f"{name}: not multipart/alternative")
    if max(len(line) for line in raw.split(b"\n")) > 998 or any(b > 127 for b in raw):
        problems.append(f"{name}: not 7-bit or a line over 998 bytes")
    unsubscribe = message["List-Unsubscribe"]
    if name.startswith("listener-") and unsubscribe is not None:
        if message["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click":
            problems.append(f"{name}: List-Unsubscribe without List-Unsubscribe-Post")
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    if text is None or html is None:
        problems.append(f"{name}: missing a plain or HTML part")
        return message
    for part in (text, html):
        if part.get_content_charset() != "utf-8":
            problems.append(f"{name}: charset {part.get_content_charset()}")
        part.get_content()  # must decode
    check_html(name, html.get_content())
    return message


def check_owners(message, report_path):
    range7 = json.loads(pathlib.Path(report_path).read_text())["ranges"]["7d"]
    text = message.get_body(("plain",)).get_content()
    searches = sum(k["events"] for k in range7["activity"]["byKind"] if k["kind"] == "search")
    expected = {
        "Active listeners": range7["activity"]["activeUsers"],
        "New listeners": range7["listeners"]["new"],
        "Activity events": range7["activity"]["events"],
        "Ratings": range7["feedback"]["likes"] + range7["feedback"]["dislikes"],
        "Searches": searches,
    }
    for label, value in expected.items():
        found = re.search(rf"^  {label}\s+([\d,]+)  ", text, re.M)
        if not found or int(found.group(1).replace(",", "")) != value:
            problems.append(f"owners.eml: {label} is {found and found.group(1)}, the dashboard says {value}")
    ratio = range7["feedback"]["likeRatio"]
    found = re.search(r"^  Like ratio\s+([\d.]+)%", text, re.M)
    if ratio is not None and (not found or abs(float(found.group(1)) - ratio * 100) > 0.05):
        problems.append(f"owners.eml: like ratio {found and found.group(1)} vs {ratio}")
    check_experiments(text, range7["experiments"])


def check_experiments(text, experiments):
    """One line per comparison of the week, with the dashboard's difference and verdict."""
    if experiments and "Model versions compared:" not in text:
        problems.append("owners.eml: no model versions section, the dashboard has comparisons")
    verdicts = {"better": "{b} better", "worse": "{b} worse", "undecided": "no difference shown yet"}
    for e in experiments:
        found = re.search(rf"^  {re.escape(e['b'])} against {re.escape(e['a'])}: (.*)$", text, re.M)
        if not found:
            problems.append(f"owners.eml: no line for {e['b']} against {e['a']}")
            continue
        line = found.group(1)
        if e["status"] != "compared":
            continue
        verdict = verdicts[e["verdict"]].format(b=e["b"])
        if not line.startswith(verdict):
            problems.append(f"owners.eml: '{line}' does not start with the verdict '{verdict}'")
        points = re.search(r"like ratio ([+\u2212±])([\d.]+) pts", line)
        if e["difference"] is None:
            continue
        if not points:
            problems.append(f"owners.eml: no difference in '{line}'")
            continue
        value = float(points.group(2)) * (-1 if points.group(1) == "\u2212" else 1)
        if abs(value - e["difference"] * 100) > 0.05:
            problems.append(f"owners.eml: difference {value} pts vs the dashboard's {e['difference']}")


def main():
    folder = pathlib.Path(sys.argv[1])
    files = sorted(folder.glob("*.eml"))
    if not files:
        problems.append("no messages")
    for path in files:
        message = check_message(path)
        if path.name == "owners.eml" and len(sys.argv) > 2:
            check_owners(message, sys.argv[2])
    for problem in problems:
        print(problem)
    if problems:
        sys.exit(1)
    print(f"ok {len(files)}")


main()
