//===- SuppressionsTest.cpp - Every inline suppression form ---------------===//
#include "tool/Suppressions.h"
#include "CiTestUtil.h"

using namespace kmapcheck;
using namespace kmapcheck::test;

namespace {
struct Outcome {
  std::vector<Finding> Left;
  std::vector<Finding> Diags;
  unsigned Suppressed = 0;
};

Outcome run(llvm::StringRef Text,
            std::vector<std::pair<unsigned, std::string>> At,
            bool RequireReason = false, bool ReportUnused = false) {
  TempDir D;
  std::string File = D.file("s.c", Text);
  Outcome R;
  for (auto &[Line, Id] : At)
    R.Left.push_back(finding(File, Line, 1, Id));
  SourceLines Lines;
  SuppressionIndex S;
  S.scan(File, Lines);
  R.Suppressed = S.apply(R.Left);
  R.Diags = S.diagnostics(RequireReason, ReportUnused,
                          [](llvm::StringRef) { return true; });
  return R;
}
} // namespace

TEST(Suppressions, SameLineAndNextLine) {
  Outcome R = run(
      "a(); // NOKMAPCHECK(kmap-leak) reviewed\n"
      "// NOKMAPCHECKNEXTLINE(kmap-leak) reviewed\n"
      "b();\n"
      "c(); // NOKMAPCHECK(kmap-other) reviewed\n"
      "d(); // NOKMAPCHECK\n",
      {{1, "kmap-leak"}, {3, "kmap-leak"}, {4, "kmap-leak"}, {5, "kmap-leak"}});
  EXPECT_EQ(R.Suppressed, 3u);
  ASSERT_EQ(R.Left.size(), 1u);
  EXPECT_EQ(R.Left[0].Loc.Line, 4u);
}

TEST(Suppressions, BeginEnd) {
  Outcome R = run("a();\n"
                  "/* NOKMAPCHECKBEGIN(kmap-leak) legacy driver */\n"
                  "b();\n"
                  "c();\n"
                  "/* NOKMAPCHECKEND(kmap-leak) */\n"
                  "d();\n",
                  {{1, "kmap-leak"},
                   {3, "kmap-leak"},
                   {4, "kmap-leak"},
                   {4, "pagefault-balance"},
                   {6, "kmap-leak"}});
  EXPECT_EQ(R.Suppressed, 2u);
  ASSERT_EQ(R.Left.size(), 3u);
  EXPECT_EQ(R.Left[0].Loc.Line, 1u);
  EXPECT_EQ(R.Left[1].CheckId, "pagefault-balance");
  EXPECT_EQ(R.Left[2].Loc.Line, 6u);
  EXPECT_TRUE(R.Diags.empty());
}

TEST(Suppressions, UnbalancedBeginEndIsAnError) {
  Outcome R = run("// NOKMAPCHECKBEGIN(kmap-leak) x\n"
                  "a();\n"
                  "// NOKMAPCHECKEND(kmap-*)\n",
                  {{2, "kmap-leak"}});
  ASSERT_EQ(R.Diags.size(), 2u);
  EXPECT_EQ(R.Diags[0].Message,
            "NOKMAPCHECKEND(kmap-*) without a matching NOKMAPCHECKBEGIN");
  EXPECT_EQ(R.Diags[0].Loc.Line, 3u);
  EXPECT_EQ(R.Diags[1].Message,
            "NOKMAPCHECKBEGIN(kmap-leak) without a matching NOKMAPCHECKEND");
  EXPECT_EQ(R.Diags[1].Level, Severity::Error);
  EXPECT_EQ(R.Left.size(), 1u); // an unclosed BEGIN silences nothing below
}

TEST(Suppressions, CodeChecker) {
  Outcome R =
      run("// codechecker_suppress [kmap-leak] a known leak, fixed in v2\n"
          "a();\n"
          "// codechecker_suppress [ kmap-other, kmap-leak ] multi-line\n"
          "// comment continues\n"
          "b();\n"
          "c();\n",
          {{2, "kmap-leak"}, {5, "kmap-leak"}, {6, "kmap-leak"}});
  EXPECT_EQ(R.Suppressed, 2u);
  ASSERT_EQ(R.Left.size(), 1u);
  EXPECT_EQ(R.Left[0].Loc.Line, 6u);
}

TEST(Suppressions, GlobsAndLongerWords) {
  Outcome R = run("a(); // NOKMAPCHECK(kmap-*) ok\n"
                  "b(); // NOKMAPCHECKSOMETHING(kmap-leak)\n",
                  {{1, "kmap-leak"}, {1, "preempt-balance"}, {2, "kmap-leak"}});
  EXPECT_EQ(R.Suppressed, 1u);
  EXPECT_EQ(R.Left.size(), 2u);
}

TEST(Suppressions, RequireReason) {
  Outcome R = run("a(); // NOKMAPCHECK(kmap-leak)\n"
                  "b(); // NOKMAPCHECK(kmap-leak) the caller unmaps\n"
                  "// codechecker_suppress [kmap-leak]\n"
                  "c();\n",
                  {{1, "kmap-leak"}, {2, "kmap-leak"}, {4, "kmap-leak"}},
                  /*RequireReason=*/true);
  EXPECT_EQ(R.Suppressed, 3u);
  ASSERT_EQ(R.Diags.size(), 2u);
  EXPECT_EQ(R.Diags[0].CheckId, SuppressionCheckId);
  EXPECT_EQ(R.Diags[0].Loc.Line, 1u);
  EXPECT_EQ(R.Diags[0].Loc.Column, 9u);
  EXPECT_EQ(R.Diags[0].Level, Severity::Error);
  EXPECT_EQ(R.Diags[0].Message,
            "NOKMAPCHECK(kmap-leak) has no reason; say why the finding is "
            "accepted after the marker (--require-suppression-reason)");
  EXPECT_EQ(R.Diags[1].Loc.Line, 3u);
}

TEST(Suppressions, ReportUnused) {
  Outcome R = run("a(); // NOKMAPCHECK(kmap-leak) used\n"
                  "b(); // NOKMAPCHECK(kmap-leak) stale\n",
                  {{1, "kmap-leak"}}, false, /*ReportUnused=*/true);
  ASSERT_EQ(R.Diags.size(), 1u);
  EXPECT_EQ(R.Diags[0].CheckId, UnusedSuppressionCheckId);
  EXPECT_EQ(R.Diags[0].Loc.Line, 2u);
  EXPECT_EQ(R.Diags[0].Message, "NOKMAPCHECK(kmap-leak) silenced no finding");
}
