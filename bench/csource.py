"""C source text helpers shared by the bench scripts."""
import re


def strip_comments_and_strings(text):
    """Blanks comments and string/char literals, keeping line structure.

    A literal ends at its closing quote or, unterminated (an apostrophe in
    an #error line or in #if 0 text), at the end of its line."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            if j < n and text[j] == c:
                out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j]) + c)
                i = j + 1
            else:
                out.append(c + " " * (min(j, n) - i - 1))
                i = min(j, n)
        else:
            out.append(c)
            i += 1
    return "".join(out)
