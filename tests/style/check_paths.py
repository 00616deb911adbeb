#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""check_paths.py: every repository path cited in a doc or a comment exists.

Reads the files git tracks (Markdown in full; in C, headers, assembly, make
and shell files only the comments) and collects each token that starts with
one of the tree's top-level folders ("engine/src/interp.c", "docs/", ...;
in Markdown also relative to the file's own folder).
A token with a pattern in it (*, %, $, <, {, NAME, ARCH, ...) is checked up
to the pattern; the rest must exist as a file or folder. Prints each missing
one as FILE:LINE: PATH and ends with "N passed, N failed" (a cited path a
check). Paths under build/ are outputs and are not checked.
"""
import os
import re
import subprocess
import sys

TOP = ('apps', 'bench', 'docs', 'engine', 'include', 'kernel', 'mk', 'sdk', 'tests',
       'third_party', 'tools', 'user', '.ci')
PATH = re.compile(r'(?<![\w./-])((?:%s)/[\w./*%%$<>{}@-]*)' % '|'.join(re.escape(t) for t in TOP))
# Where a cited path stops being literal.
PATTERN = re.compile(r'[*%$<>{}@]|(?<![A-Za-z])(?:NAME|ARCH|FILE|DIR|NN)(?![a-z])|\.\.\.')
C_LIKE = ('.c', '.h', '.S', '.ld', '.def')
HASH_LIKE = ('.mk', '.sh', '.py', 'Makefile', '.wat', '.wast')


def comments(path, text):
    """(line number, text) of the comment parts of a source file."""
    if path.endswith(C_LIKE):
        out = []
        for m in re.finditer(r'/\*.*?\*/|//[^\n]*', text, re.S):
            line = text.count('\n', 0, m.start()) + 1
            for i, part in enumerate(m.group(0).split('\n')):
                out.append((line + i, part))
        return out
    if path.endswith(HASH_LIKE) or os.path.basename(path) == 'Makefile':
        mark = ';;' if path.endswith(('.wat', '.wast')) else '#'
        out = []
        for n, line in enumerate(text.split('\n'), 1):
            at = line.find(mark)
            if at >= 0:
                out.append((n, line[at:]))
        return out
    if path.endswith('.md'):
        return list(enumerate(text.split('\n'), 1))
    return []


def literal_part(token):
    token = token.rstrip('.,:;)`\'"')
    m = PATTERN.search(token)
    if m:
        token = token[:m.start()]
        token = token[:token.rfind('/') + 1] if '/' in token else ''
    return token


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else '.'
    os.chdir(root)
    files = subprocess.run(['git', 'ls-files', '--cached', '--others', '--exclude-standard'],
                           capture_output=True, text=True, check=True).stdout.split()
    passed = failed = 0
    for path in files:
        if path.startswith('third_party/') or not os.path.isfile(path):
            continue
        try:
            with open(path, encoding='utf-8') as f:
                text = f.read()
        except (UnicodeDecodeError, OSError):
            continue
        for line, part in comments(path, text):
            for m in PATH.finditer(part):
                cited = literal_part(m.group(1))
                if not cited or cited.count('/') == 0:
                    continue
                # Markdown may cite a path relative to its own folder.
                near = os.path.join(os.path.dirname(path), cited)
                if os.path.exists(cited) or (path.endswith('.md') and os.path.exists(near)):
                    passed += 1
                else:
                    failed += 1
                    print('%s:%d: %s does not exist' % (path, line, cited))
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
