#!/usr/bin/env python3
"""Records java.util.regex's verdict on regex patterns, for FilterLangTests.

    scripts/oracle/generate.py > Tests/FilterLangTests/Fixtures/java-regex-cases.json

Builds pattern/value pairs (a hand-picked list of the constructs where Java and PCRE2 differ,
plus seeded random combinations of regex pieces), runs them through JavaRegexOracle.java
(needs a JDK), and prints JSON: [{"pattern", "value", "java": "error" | true | false}].
"""
import json, os, random, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

CURATED = [
    "web.*", "web", "a$", "^a$", r"\d+", r"\w+", r"\s", r"\p{Alpha}+", r"\p{L}+", r"\p{Lu}", r"\P{Digit}",
    r"\p{IsLatin}+", r"\p{InGreek}", r"\p{javaLowerCase}", "[[:alpha:]]+", "[a-c[x-z]]+", "[a[^b]]", "[a-z&&[^aeiou]]",
    r"\u0041", r"\x41", r"\x{41}", r"\0101", "(?i)WEB", "(?iu)WEB", "(?U)x", "(?d).", "(?x) a b ", "(?s).", "(?m)a$",
    "(?n)a", "(?J)a", "(?<n>a)\\k<n>", "(?P<n>a)", "(?|a|b)", "(?R)", "(?#c)a", "(*FAIL)", r"\Q{x}\E", r"\Qa.b",
    "a{2}", "a{2,}", "a{1,2}+", "a{,2}", "{", "}", "a}", "a{", "{2}", "x{1", "${x}", "$", "^", "a**", "a*+", "a*?",
    "*a", "+", "?", "(", ")", "[ab", "[]a]", "[]", "[^]a]", r"\\", "\\", r"\g1", r"\K", r"\o{101}", r"\h", r"\R", r"\X",
    r"\b", r"\B", r"\A", r"\z", r"\Z", r"\G", "(a)\\1", r"\1", r"\cA", r"\e", r"\a", r"\y", r"\i", r"\N{LATIN SMALL LETTER A}",
    "test[zyx", "test[zyx]${", "test(/1[${})?", ".*spring.*", "nginx:latest", "dev(\\d+).test.com", "a|", "|a", "()", "(?:)",
    "[a-]", "[-a]", "[a\\-z]", "[z-a]", "a++", "(?>a+)b", "(?=a)a", "(?!b)a", "(?<=a)b", "(?<!a)b", "[\\w-]+", "[.]", "\\.",
    "a#b", "(?x)a#b", "[\\p{Alpha}\\d]+", "\\p{Punct}", "\\p{XDigit}+", "[[:digit:]]", "\\p{ASCII}", "\\P{ASCII}",
]

VALUES = ["", "a", "A", "aa", "web", "web1", "WEB", "a\n", "123", "é", "٣", "abc", "ab", "{x}", "{", "}", "a}", "aa}", "${x}",
          "testz", "testz${", "test", "x", ":", "alpha", "ahp", "abxz", "m", "b", "ab]", "]", "a.b", "a#b", "1x2", "\r", ".",
          "payments-spring:2.7", "nginx:latest", "dev12.test.com", "-", "z", "a-b", "!", "ß", "ǅ"]

PIECES = ["a", "b", ".", "\\d", "\\w", "\\s", "*", "+", "?", "{2}", "{1,}", "{", "}", "(", ")", "(?:", "|", "[", "]", "^", "$",
          "[a-z]", "[^a]", "\\", "\\p{Alpha}", "\\Q", "\\E", "-", ":", "(?i)", "&&", "[[", "]]", "${", "x"]


def escape(text):
    return "".join("\\t" if c == "\t" else "\\n" if c == "\n" else "\\r" if c == "\r" else "\\\\" if c == "\\"
                   else "\\u%04x" % ord(c) if ord(c) < 0x20 or 0xD800 <= ord(c) < 0xE000 else c for c in text)


def cases():
    random.seed(20261129)
    for pattern in CURATED:
        for value in VALUES:
            yield pattern, value
    for _ in range(2000):
        pattern = "".join(random.choice(PIECES) for _ in range(random.randint(1, 6)))
        for value in random.sample(VALUES, 3):
            yield pattern, value


def main():
    pairs = list(cases())
    with tempfile.TemporaryDirectory() as build:
        subprocess.run(["javac", "-d", build, os.path.join(HERE, "JavaRegexOracle.java")], check=True)
        lines = "".join(escape(p) + "\t" + escape(v) + "\n" for p, v in pairs)
        result = subprocess.run(["java", "-Xss16m", "-cp", build, "JavaRegexOracle"], input=lines.encode(),
                                stdout=subprocess.PIPE, check=True)
    verdicts = result.stdout.decode().split("\n")[:-1]
    assert len(verdicts) == len(pairs)
    seen = set()
    out = []
    for (p, v), verdict in zip(pairs, verdicts):
        if verdict != "overflow" and (p, v) not in seen:
            seen.add((p, v))
            out.append({"pattern": p, "value": v, "java": verdict if verdict == "error" else verdict == "true"})
    json.dump(out, sys.stdout, ensure_ascii=False, indent=0)
    print()


main()
