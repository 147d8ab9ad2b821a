#!/usr/bin/env python3
"""Adds a check to kmapcheck: every file and every place that must change.

  tool/add-check.py ID Name --path|--ast [--root DIR] [--family F]

ID is the check id (kmap-foo-bar), Name the class name without "Check"
(FooBar). --path: a check on the path-sensitive engine (a PathCheck; the
template reports a local mapping still live when a function whose name starts
with <id>_ returns). --ast: a check on the AST (the template reports every
call of the function named by its option Function, <id>_bug by default).
The templates report nothing in code that does not use those names, so the
existing tests keep passing. Written:

  checks/<Name>Check.h, checks/<Name>Check.cpp      the check, FP policy on top
  rules/checks/<ID>.yaml                           description, options, examples
                                                   (complete C code, compiled and
                                                   checked by explain-examples.test)
  test/checks/<ID>/basic.c                         its lit test
  reference/scenarios/<id>_bad.c, <id>_good.c      a bad and a good scenario
Edited:
  checks/CheckRegistry.cpp   the include and the registry row
  checks/CMakeLists.txt      the source file
  reference/tests/ScenarioTest.cpp   the check id in the list of checks
  README.md                  a row in the table of checks

The template builds and passes every test (lit, validate, the reference
unit tests) as generated; then replace its detection, messages, examples and
scenarios with the real ones. Everything is checked before anything is
written: on an error (exit 2) nothing is written.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Error(Exception):
    pass


def banner(fname, desc, cxx):
    """An LLVM file banner of exactly 80 columns (without the description
    when both do not fit; the comment below the banner names the check)."""
    tail = "-*- C++ -*-===//" if cxx else "===//"
    head = "//===- %s - %s " % (fname, desc)
    if len(head) + len(tail) >= 80:
        head = "//===- %s " % fname
    fill = 80 - len(head) - len(tail)
    if fill < 1:
        raise Error("the class name is too long for a one-line file banner "
                    "(%s)" % fname)
    return head + "-" * fill + tail


def read(root, rel):
    path = os.path.join(root, rel)
    try:
        with open(path) as f:
            return f.read()
    except OSError as e:
        raise Error("%s: cannot read it: %s" % (path, e.strerror))


def insert_before(text, anchor_re, new, where):
    m = re.search(anchor_re, text, re.M)
    if not m:
        raise Error("%s: expected %s" % where)
    return text[:m.start()] + new + text[m.start():]


def header(a):
    guard = "KMAPCHECK_CHECKS_%sCHECK_H" % a.name.upper()
    if a.path:
        body = """/// %(summary)s
class %(name)sCheck : public PathCheck {
public:
  %(name)sCheck(const CheckSpec &Spec, CheckOptions Options);
  void atTopFunctionEnd(PathContext &P, const clang::ReturnStmt *RS) override;

private:
  std::string FunctionPrefix;
};
"""
        inc = '#include "core/engine/PathCheck.h"'
    else:
        body = """/// %(summary)s
class %(name)sCheck : public Check {
public:
  %(name)sCheck(const CheckSpec &Spec, CheckOptions Options);
  void run(TUContext &Ctx) override;

private:
  std::string Function;
};
"""
        inc = '#include "core/Check.h"'
    return ("%s\n//\n// The check %s.\n//\n//===%s===//\n#ifndef %s\n"
            "#define %s\n\n%s\n\nnamespace kmapcheck {\n\n%s"
            "\n} // namespace kmapcheck\n\n#endif\n") % (
        banner(a.name + "Check.h", a.id, True), a.id, "-" * 70, guard,
        guard, inc, body % vars(a))


def source(a):
    if a.path:
        return """%(banner)s
//
// The check %(id)s.
//
// TEMPLATE written by tool/add-check.py: replace the detection below with
// the check's own. It reports a local mapping still live when the top
// function returns, only in functions whose name starts with the option
// FunctionPrefix, so that it reports nothing elsewhere until then.
//
// False-positive policy: only the top function's exits are judged; paths
// cut by the analysis bound and mappings that escape are never reported.
//
//===----------------------------------------------------------------------===//
#include "checks/%(name)sCheck.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"

namespace kmapcheck {
using namespace clang;

%(name)sCheck::%(name)sCheck(const CheckSpec &Spec, CheckOptions Options)
    : PathCheck(Spec, std::move(Options)),
      FunctionPrefix(option("FunctionPrefix")) {}

void %(name)sCheck::atTopFunctionEnd(PathContext &P, const ReturnStmt *RS) {
  std::string Name = P.topFunction()->getNameAsString();
  if (!llvm::StringRef(Name).starts_with(FunctionPrefix))
    return;
  SourceLocation At =
      RS ? RS->getBeginLoc()
         : cast<CompoundStmt>(P.topFunction()->getBody())->getRBracLoc();
  for (const MappingView &M : P.allMappings()) {
    if (M.Released || M.Escaped || M.Kind == MapKind::Global)
      continue;
    P.report(*this, At,
             "local mapping of '" + M.Name + "' still live when '" + Name +
                 "' returns",
             {P.createdNote(M)});
  }
}

} // namespace kmapcheck
""" % dict(vars(a), banner=banner(a.name + "Check.cpp", a.id, False))
    return """%(banner)s
//
// The check %(id)s.
//
// TEMPLATE written by tool/add-check.py: replace the detection below (every
// call of the function named by the option Function) with the check's own.
//
// False-positive policy: only direct calls, in the code kmapcheck analyses
// (the main file and .c files it includes), are reported.
//
//===----------------------------------------------------------------------===//
#include "checks/%(name)sCheck.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace kmapcheck {
using namespace clang;

namespace {
struct CallFinder : RecursiveASTVisitor<CallFinder> {
  llvm::StringRef Name;
  std::vector<const CallExpr *> Found;
  bool VisitCallExpr(CallExpr *CE) {
    if (const FunctionDecl *FD = CE->getDirectCallee())
      if (FD->getIdentifier() && FD->getName() == Name)
        Found.push_back(CE);
    return true;
  }
};
} // namespace

%(name)sCheck::%(name)sCheck(const CheckSpec &Spec, CheckOptions Options)
    : Check(Spec, std::move(Options)), Function(option("Function")) {}

void %(name)sCheck::run(TUContext &Ctx) {
  for (const FunctionDecl *FD : Ctx.index().Functions) {
    if (!FD->hasBody() || !isUserCode(Ctx.sm(), FD->getLocation()))
      continue;
    CallFinder F;
    F.Name = Function;
    F.TraverseStmt(FD->getBody());
    for (const CallExpr *CE : F.Found)
      Ctx.report(makeFinding(Ctx, CE->getBeginLoc(),
                             "call of '" + Function + "'"));
  }
}

} // namespace kmapcheck
""" % dict(vars(a), banner=banner(a.name + "Check.cpp", a.id, False))


def yaml(a):
    summary = '"%s"' % a.summary.replace("\\", "\\\\").replace('"', '\\"')
    head = """id: %s
severity: warning
summary: %s
description: |
  TEMPLATE written by tool/add-check.py: say what the check reports, why it
  matters in the kernel, and what it does not report.
options:
""" % (a.id, summary)
    if a.path:
        return head + """  - name: FunctionPrefix
    default: "%(base)s_"
    description: TEMPLATE, only functions whose name starts with it are checked
examples:
  bad: |
    int %(base)s_fill(struct page *page, const void __user *src)
    {
            char *a = kmap_local_page(page);

            if (copy_from_user(a, src, PAGE_SIZE))
                    return -EFAULT;
            kunmap_local(a);
            return 0;
    }
  good: |
    int %(base)s_fill(struct page *page, const void __user *src)
    {
            char *a = kmap_local_page(page);
            int ret = copy_from_user(a, src, PAGE_SIZE) ? -EFAULT : 0;

            kunmap_local(a);
            return ret;
    }
""" % vars(a)
    return head + """  - name: Function
    default: "%(base)s_bug"
    description: TEMPLATE, the function whose calls are reported
examples:
  bad: |
    void %(base)s_bug(void);

    void caller(void)
    {
            %(base)s_bug();
    }
  good: |
    void %(base)s_ok(void);

    void caller(void)
    {
            %(base)s_ok();
    }
""" % vars(a)


def lit_test(a):
    if a.path:
        return """// TEMPLATE written by tool/add-check.py.
// RUN: not %%kmapcheck --quiet --checks=-*,%(id)s %%s -- %%mock_highmem | FileCheck %%s --implicit-check-not=warning:
#include <linux/highmem.h>

int copy_it(char *dst);

int %(base)s_bad(struct page *page) {
	char *a = kmap_local_page(page);
	if (copy_it(a) < 0)
		return -1;
	kunmap_local(a);
	return 0;
}
// CHECK: basic.c:[[@LINE-4]]:3: warning: local mapping of 'a' still live when '%(base)s_bad' returns [%(id)s]
// CHECK: basic.c:[[@LINE-7]]:12: note: mapping of 'a' created here

int %(base)s_good(struct page *page) {
	char *a = kmap_local_page(page);
	int ret = copy_it(a) < 0 ? -1 : 0;
	kunmap_local(a);
	return ret;
}
""" % vars(a)
    return """// TEMPLATE written by tool/add-check.py.
// RUN: not %%kmapcheck --quiet --checks=-*,%(id)s %%s -- %%mock_highmem | FileCheck %%s --implicit-check-not=warning:
// RUN: %%kmapcheck --quiet --checks=-*,%(id)s --check-option=%(id)s.Function=%(base)s_ok %%s -- %%mock_highmem | count 0
void %(base)s_bug(void);

void bad(void) {
	%(base)s_bug();
}
// CHECK: basic.c:[[@LINE-2]]:2: warning: call of '%(base)s_bug' [%(id)s]

void good(void) {
}
""" % vars(a)


def scenario(a, bad):
    if a.path:
        body = """static struct page *page;

static int %(base)s_fill(struct page *pg, int fail)
{
	char *kaddr = kmap_local_page(pg);

	if (fail)
		return -EINVAL;
	kaddr[0] = 1;
	kunmap_local(kaddr);
	return 0;
}

static void setup(void)
{
	page = alloc_page(GFP_HIGHUSER);
}

static void %(base)s_task(void)
{
	(void)%(base)s_fill(page, 1);
}
""" % vars(a)
        if not bad:
            body = body.replace("""	char *kaddr = kmap_local_page(pg);

	if (fail)
		return -EINVAL;
	kaddr[0] = 1;
	kunmap_local(kaddr);
	return 0;""", """	char *kaddr = kmap_local_page(pg);
	int ret = 0;

	if (fail)
		ret = -EINVAL;
	else
		kaddr[0] = 1;
	kunmap_local(kaddr);
	return ret;""")
        also = "kmap-leak" if bad else ""
        what = ("an error path returns with the local mapping live" if bad
                else "every path releases the local mapping")
    else:
        body = """static void %(base)s_bug(void)
{
	BUG();
}

static void %(base)s_ok(void)
{
}

static void setup(void)
{
}

static void %(base)s_task(void)
{
	%(call)s();
}
""" % dict(vars(a), call=a.base + ("_bug" if bad else "_ok"))
        if bad:
            body = body.replace("static void %s_ok(void)\n{\n}\n\n" % a.base,
                                "")
        else:
            body = body.replace(
                "static void %s_bug(void)\n{\n\tBUG();\n}\n\n" % a.base, "")
        also = ""
        what = ("the function the check is about is called" if bad else
                "it is not called")
    verdict = "BAD" if bad else "GOOD"
    return """/*
 * %(id)s, %(verdict)s: TEMPLATE written by tool/add-check.py
 * (%(what)s).
 * Replace it with a kernel-shaped scenario the model runs
 * %(how)s.
 */
#include <linux/highmem.h>
#include <kmapref/scenario.h>

%(body)s
REF_SCENARIO(%(name)s, "%(id)s", REF_%(verdict)s,
	     "%(what)s", "%(also)s",
	     .setup = setup,
	     .tasks = { REF_TASK(%(base)s_task, 0) });
""" % {"id": a.id, "verdict": verdict, "what": what, "body": body,
       "name": a.base + ("_bad" if bad else "_good"), "also": also,
       "base": a.base,
       "how": "into the failure the check is about" if bad else
       "without a failure at any bound"}


def plan(a, root):
    """(path, content) for every file to write, or Error."""
    base = a.base
    new = {
        "checks/%sCheck.h" % a.name: header(a),
        "checks/%sCheck.cpp" % a.name: source(a),
        "rules/checks/%s.yaml" % a.id: yaml(a),
        "test/checks/%s/basic.c" % a.id: lit_test(a),
        "reference/scenarios/%s_bad.c" % base: scenario(a, True),
        "reference/scenarios/%s_good.c" % base: scenario(a, False),
    }
    for rel in new:
        if os.path.exists(os.path.join(root, rel)):
            raise Error("%s already exists" % os.path.join(root, rel))
    if os.path.exists(os.path.join(root, "test/checks", a.id)):
        raise Error("%s already exists" %
                    os.path.join(root, "test/checks", a.id))

    edits = {}
    rel = "checks/CheckRegistry.cpp"
    text = read(root, rel)
    if '{"%s",' % a.id in text:
        raise Error("%s: check '%s' is already registered" % (rel, a.id))
    text = insert_before(text, r'^#include "llvm/',
                         '#include "checks/%sCheck.h"\n' % a.name,
                         (rel, "the includes of the checks, then llvm/ ones"))
    text = insert_before(text, r"^};\n\nllvm::ArrayRef<RegisteredCheck>",
                         '    {"%s", &create<%sCheck>},\n' % (a.id, a.name),
                         (rel, "the end of the Registry array"))
    edits[rel] = text

    rel = "checks/CMakeLists.txt"
    text = read(root, rel)
    m = re.search(r"add_library\(kmapcheck_checks STATIC\n(?:  \S+\n)*\)",
                  text)
    if not m:
        raise Error("%s: expected add_library(kmapcheck_checks STATIC ...) "
                    "with one source per line" % rel)
    end = m.end() - 1
    edits[rel] = text[:end] + "  %sCheck.cpp\n" % a.name + text[end:]

    rel = "reference/tests/ScenarioTest.cpp"
    text = read(root, rel)
    edits[rel] = insert_before(text, r"^    KMAPREF_MODEL_ONLY,",
                               '    "%s",\n' % a.id,
                               (rel, "KMAPREF_MODEL_ONLY in kCheckIds"))

    rel = "README.md"
    text = read(root, rel)
    m = re.search(r"^## Checks\n\n\| id \| family \| what it reports \|\n"
                  r"\| --- \| --- \| --- \|\n(?:\|.*\n)*", text, re.M)
    if not m:
        raise Error("%s: expected the table of checks under '## Checks'" %
                    rel)
    edits[rel] = (text[:m.end()] + "| `%s` | %s | %s (template: fill in) |\n"
                  % (a.id, a.family, a.summary) + text[m.end():])
    return new, edits


def main():
    ap = argparse.ArgumentParser(
        description="Add a check to kmapcheck (see the file's header).")
    ap.add_argument("id", help="check id, e.g. kmap-foo-bar")
    ap.add_argument("name", help="class name without Check, e.g. FooBar")
    kind = ap.add_mutually_exclusive_group(required=True)
    kind.add_argument("--path", action="store_true",
                      help="a check on the path-sensitive engine")
    kind.add_argument("--ast", action="store_true", help="a check on the AST")
    ap.add_argument("--root", default=ROOT,
                    help="the source tree (default: this script's)")
    ap.add_argument("--family", default="new",
                    help="the family column of README's table")
    ap.add_argument("--summary", default="TEMPLATE, one line saying what "
                    "the check reports")
    a = ap.parse_args()
    try:
        if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", a.id):
            raise Error("check id '%s': expected lower-case words joined by "
                        "'-', e.g. kmap-foo-bar" % a.id)
        if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", a.name) or \
                a.name.endswith("Check"):
            raise Error("class name '%s': expected CamelCase without the "
                        "'Check' suffix, e.g. FooBar" % a.name)
        a.base = a.id.replace("-", "_")
        new, edits = plan(a, a.root)
    except Error as e:
        sys.stderr.write("add-check: error: %s\n" % e)
        return 2
    for rel, text in list(new.items()) + list(edits.items()):
        path = os.path.join(a.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        print("%s %s" % ("wrote " if rel in new else "edited", rel))
    # The C++ in the project's style, when clang-format is there.
    fmt = shutil.which("clang-format-19") or shutil.which("clang-format")
    if fmt:
        subprocess.run([fmt, "-i", "--style=file"] +
                       [os.path.join(a.root, rel) for rel in new
                        if rel.endswith((".h", ".cpp"))], check=False)
    print("next: replace the TEMPLATE parts, then build and run the tests "
          "(README's test command); kmapcheck validate shows the scenarios")
    return 0


if __name__ == "__main__":
    sys.exit(main())
