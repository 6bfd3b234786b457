#!/usr/bin/python3
"""Builds the NLTK reference that winnow's word and sentence splitters are tested against.

What datatrove v0.3.0 calls "words" is NLTK's word_tokenize (English): Punkt sentence splitting,
then NLTKWordTokenizer on each sentence, each token stripped and empty ones dropped. NLTK's trained
English Punkt model cannot ship with winnow, so both sides use the same curated parameters: this
script reads the tables of src/winnow/text/punkt_parameters.cc and injects them into NLTK's
PunktSentenceTokenizer.

Run with the NLTK the tests were made with (3.8, Debian's python3-nltk):
    /usr/bin/python3 tests/data/text/make_nltk_reference.py [--shared ../shared/data] [--full OUT]

Writes, next to this script:
  nltk_hand_cases.jsonl      hand-written tricky cases: text, sentences, tokens, line_tokens
                             (line_tokens: NLTKWordTokenizer on the whole text, no sentence split)
  nltk_sample.jsonl          a sample of real documents: source, text, sentences, tokens
  nltk_corpus_digests.jsonl  one row per shared corpus: for each document, in order, the number
                             of sentences and tokens and the FNV-1a digests of both lists
                             (tests/text/nltk_reference_test.cc recomputes them when
                             ../shared/data exists)
--full OUT writes the complete reference of the shared corpora (text, sentences, tokens) to OUT,
for diffing by hand; it is too large to commit.
"""

import argparse
import json
import os
import re
import sys

from nltk.tokenize.destructive import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
TABLES = os.path.join(REPO, "src", "winnow", "text", "punkt_parameters.cc")

# The shared corpora, relative to the shared data folder: "jsonl" documents are the "text" field
# of each line, "lines" documents are the lines themselves.
CORPORA = [
    ("llamafactory/c4_demo.jsonl", "jsonl"),
    ("llamafactory/wiki_demo.txt", "lines"),
    ("dolma/tests/data/multiple_files/cc_en_head-0091.jsonl", "jsonl"),
    ("dolma/tests/data/multiple_files/cc_en_head-0174.jsonl", "jsonl"),
]

HAND_CASES = [
    # Empty, blank and unterminated.
    "",
    " ",
    "\n\n",
    "\t \u00a0\u2028 ",
    "no sentence end here",
    "no sentence end here\n",
    "One sentence.",
    "  Leading spaces. Trailing spaces.   ",
    # Quotes of all kinds.
    '"Hello," she said. "Goodbye."',
    "He said \"stop\" and left.",
    "``Quoted'' text with ``TeX quotes''.",
    "\u201cCurly double\u201d and \u2018curly single\u2019 quotes.",
    "\u00abGuillemets\u00bb and \u201eLow-9 quotes\u201c here.",
    "'Single quoted words' are 'tricky' to 'x' 'a.",
    "The dogs' bones and the cats' toys.",
    "He said 'hi' then 'bye'.",
    "(\"Parenthesised quote\") and [\"bracketed\"] {\"braced\"} <\"angled\">.",
    "She wrote: \"It's done.\"",
    "\"Quote at end.\"",
    "\"\"Double double\"\" quotes",
    "'' two apostrophes '' and '''three'''",
    "```Triple backticks``` and `single`.",
    "A \u201c\"mixed\"\u201d case",
    "\u2019Tis the season. \u2019twas night. 'Tis true. 'twas so. 'TIS LOUD",
    # Contractions.
    "I can't, you won't, they didn't, we'd've, she'll, he's, it's, I'm, you're, they've.",
    "CAN'T WON'T DON'T I'M YOU'RE THEY'VE SHE'LL HE'D IT'S",
    "I cannot go. Cannot! CANNOT? cannotbe",
    "gonna gimme gotta lemme wanna, more'n d'ye, Gonna GIMME Wanna.",
    "I wanna\tgo and wanna",
    "whaddya whatcha",
    "y'all ain't o'clock rock'n'roll",
    "'s 'S 'm 'd 'll 're 've n't",
    "don't't",
    "Jones's car and James' house.",
    "it's\nfine",
    # Ellipses and dashes.
    "Wait... what? Really...",
    "Wait . . . what. . . ok",
    "Hmm.. ok.. fine..",
    "So-called self-driving cars--really--work -- sometimes---maybe----not.",
    "A dash - and an en dash \u2013 and an em dash \u2014 here.",
    "End with ellipsis\u2026 Then more\u2026",
    # Final periods followed by quotes and brackets.
    "He left.) Then (she came.) And \"they went.\" Then 'we stayed.'",
    "Sentence one.\" Sentence two.' Sentence three.) Sentence four.] Sentence five.}",
    "It ended.\u201d Next one.\u2019 Another.\u00bb",
    "(This is in parentheses.) This is not.",
    "He said \"Go.\"\nShe said \"No.\"",
    "Really?! Yes!! No?? Ok!?",
    # Abbreviations and initials.
    "Mr. Smith met Dr. Jones at St. Mary's Church in Washington, D.C. on Jan. 5.",
    "The U.S. economy grew. The U.S.A. is big. U.K. Prime Minister.",
    "Apple Inc. The company makes phones. Acme Corp. is big.",
    "J. R. R. Tolkien wrote books. J.R.R. Tolkien too. A. Lincoln was president.",
    "See e.g. this, i.e. that, etc. and so on. Fig. 3 shows it. Vol. 2 No. 3.",
    "We met at 5 p.m. The next day was fine. At 9 a.m. we left.",
    "Apples, oranges, etc. The end.",
    "He was ex-Gov. of Texas. Then Lt.-Col. Smith arrived.",
    "Prof. Miller, Ph.D., spoke. She holds an M.B.A. from Harvard.",
    "Wait... The end. Ok... the end.",
    "No. I said no. The answer is no.",
    "It costs approx. 5 lbs. of flour vs. 6 oz. of sugar.",
    "Built in 500 B.C. The temple stood.",
    # Numbers.
    "Pi is 3.14 and e is 2.718. Price: $1,000.50 or 1.000,50 \u20ac.",
    "Items 1. and 2. are done. Chapter 3. Section 4.5.",
    "Call 555-1234 at 10:30, or 12:45pm. Ratio 3:2, score 2,1.",
    "Temperatures of -5.5 and .5 and 5. degrees.",
    "50% off, #1 fan, @user & co; a*b; x<y>z; [1] {2} (3).",
    # URLs, emails, code.
    "Visit https://example.com/path?q=1&r=2. Email me at john.doe@example.org.",
    "See www.example.co.uk. Or http://x.y/z.html, then go.",
    "Use `code` and f(x) = x^2. Run ls -la /tmp. Done.",
    "Path C:\\Users\\me\\file.txt is here.",
    # Scripts beyond ASCII.
    "\u4e2d\u6587\u6587\u672c\u3002\u8fd9\u662f\u4e2d\u6587\u3002 English text. \u65e5\u672c\u8a9e\u3082\u3002",
    "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440. \u041a\u0430\u043a \u0434\u0435\u043b\u0430?",
    "Caf\u00e9 na\u00efve r\u00e9sum\u00e9. \u00c9cole \u00e0 Paris.",
    "Emoji \U0001f600 test. \U0001f44d\U0001f3fd Great! \u2764\ufe0f",
    "Combining e\u0301 and a\u0308. Next.",
    "\u0130stanbul. \u0131i. \u017fo 'ſ 'x 'i",
    "Greek \u0391\u03b8\u03ae\u03bd\u03b1. \u0394\u03b5\u03bb\u03c6\u03bf\u03af.",
    "Arabic \u0645\u0631\u062d\u0628\u0627. Hebrew \u05e9\u05dc\u05d5\u05dd.",
    "Digits \u0661\u0662\u0663,\u0664 and \uff11\uff12,\uff13 and \u00b2,x and \u2167,y.",
    "Full-width\uff0cpunctuation\uff1a\u300cquotes\u300d\uff01",
    # Whitespace of all kinds.
    "Tabs\tbetween\twords.\tNew sentence.",
    "Line one.\nLine two.\r\nLine three.\rLine four.",
    "Para one.\n\nPara two.\n\n\nPara three.",
    "No\u00a0break\u00a0space. Next\u2009thin\u2003em.",
    "Line\u2028separator. Para\u2029separator.",
    "Form\x0cfeed. Vertical\x0btab. File\x1cseparator. Unit\x1fsep.",
    "Zero\u200bwidth. Ideographic\u3000space.",
    "Ends with comma,",
    "Ends with colon:",
    "Ends with comma,\n",
    "Double comma,,a and colon::b and ,1 and :2",
    "Trailing spaces after period.   \n  ",
    "Period then tab.\t",
    "Period, quote, newline.'\n",
    # Punctuation oddities.
    "a.b.c. d.e.f.",
    ". . .",
    "...",
    "!!!",
    "?",
    ".",
    "'",
    "\"",
    "'a",
    "x.",
    "x .",
    ".x",
    "Hello.World",
    "End.)",
    "End.\")'",
    "End. ) next",
    "Hi!) Then.",
    "A sentence.--And another.",
    "Sentence.\" -- dash",
    "Multiple   spaces.    Between   sentences.",
    "Ends with closers.\"\n\"Next\"",
    "Abbr. at end of text Mr.",
    "\"Leading quote",
    "\u201cLeading curly quote",
    "(Leading paren. Inside.) Outside.",
    "Q: What? A: This.",
    "x=1; y=2; z=3.",
    "1. First item\n2. Second item\n3. Third item",
    "- bullet one.\n- bullet two.\n* star.",
    "Copyright \u00a9 2020 Foo LLC. All rights reserved.",
    "The price is $5.00. The tax is 5%.",
    "Height: 6'2\". Weight: 180lbs.",
    "Rock 'n' roll and 'em too.",
    # Found while building the C++: each keeps one of NLTK's subtleties.
    "cannot/x 'tis. gonna! wanna. 'twas'tis",
    "x''y\"z (''a'') ''b",
    "Apples, oranges, etc. and more. Items 1. and 2. are done. Chapter 3. Section 4.",
    "\u212aans. Topeka is there. \u0130nc. Next one. Inc. Next.",
    "A. \u00aaword. B. \u24b6 x. C. 5 x. 5. \u01c5x. D. \u0663 y.",
    "She said no. we left. No. 5 is here.",
    "Wait . . . . what . . more",
    "End of list... And then. More?! Yes.) no",
    "U.S.-Mr. Smith and co-Inc. Ltd.",
]


def read_tables():
    """The quoted entries of each table in punkt_parameters.cc."""
    with open(TABLES, encoding="utf-8") as f:
        source = f.read()
    tables = {}
    pattern = re.compile(r"// punkt-table: (\w+)\n(.*?)// end punkt-table", re.S)
    for name, body in pattern.findall(source):
        body = re.sub(r"//[^\n]*", "", body)  # comments are not entries
        tables[name] = re.findall(r'"([^"\\]*)"', body)
    if set(tables) != {"abbreviations", "sentence_starters"}:
        sys.exit(f"{TABLES}: expected the abbreviations and sentence_starters tables, got {sorted(tables)}")
    return tables


def make_splitters():
    tables = read_tables()
    params = PunktParameters()
    params.abbrev_types = set(tables["abbreviations"])
    params.sent_starters = set(tables["sentence_starters"])
    punkt = PunktSentenceTokenizer(params)
    words = NLTKWordTokenizer()

    def strip_drop(tokens):
        return [t.strip() for t in tokens if t.strip()]

    def sentences(text):
        return punkt.tokenize(text)

    def tokens(text):
        return strip_drop(t for s in sentences(text) for t in words.tokenize(s))

    def line_tokens(text):
        return strip_drop(words.tokenize(text))

    return sentences, tokens, line_tokens


def read_corpus(path, kind):
    """Documents as the C++ test reads them: JSONL "text" fields, or lines split at \\n only."""
    with open(path, "rb") as f:
        data = f.read().decode("utf-8")
    lines = data.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if kind == "lines":
        return lines
    return [json.loads(line)["text"] for line in lines if line.strip()]


def fnv1a64(items):
    """FNV-1a over each item's UTF-8 bytes followed by 0xFF (a byte UTF-8 never uses)."""
    h = 0xCBF29CE484222325
    for item in items:
        for byte in item.encode("utf-8") + b"\xff":
            h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{path}: {len(rows)} rows, {os.path.getsize(path)} bytes")


def sample_documents(shared):
    """A few real documents per corpus, each cut to at most 2,500 characters at a space so that
    the sample stays small enough to commit (the cut text is still real text)."""
    picks = {
        "llamafactory/c4_demo.jsonl": [0, 23, 77, 101, 150, 230, 298],
        "llamafactory/wiki_demo.txt": [0, 29],
        "dolma/tests/data/multiple_files/cc_en_head-0091.jsonl": [0, 8],
        "dolma/tests/data/multiple_files/cc_en_head-0174.jsonl": [5],
    }
    for name, kind in CORPORA:
        docs = read_corpus(os.path.join(shared, name), kind)
        for index in picks[name]:
            text = docs[index]
            if len(text) > 2500:
                text = text[: text.rindex(" ", 0, 2500)]
            yield f"{name}:{index}", text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=os.path.join(REPO, "..", "shared", "data"))
    parser.add_argument("--full", help="also write the full reference of the shared corpora here")
    args = parser.parse_args()
    sentences, tokens, line_tokens = make_splitters()

    write_jsonl(
        os.path.join(HERE, "nltk_hand_cases.jsonl"),
        [
            {"text": t, "sentences": sentences(t), "tokens": tokens(t), "line_tokens": line_tokens(t)}
            for t in HAND_CASES
        ],
    )
    write_jsonl(
        os.path.join(HERE, "nltk_sample.jsonl"),
        [
            {"source": source, "text": t, "sentences": sentences(t), "tokens": tokens(t)}
            for source, t in sample_documents(args.shared)
        ],
    )
    digests, full = [], []
    for name, kind in CORPORA:
        docs = []
        for index, text in enumerate(read_corpus(os.path.join(args.shared, name), kind)):
            sents, toks = sentences(text), tokens(text)
            docs.append([len(sents), len(toks), fnv1a64(sents), fnv1a64(toks)])
            if args.full:
                full.append({"source": f"{name}:{index}", "text": text, "sentences": sents, "tokens": toks})
        digests.append({"source": name, "docs": docs})
    write_jsonl(os.path.join(HERE, "nltk_corpus_digests.jsonl"), digests)
    if args.full:
        write_jsonl(args.full, full)


if __name__ == "__main__":
    main()
