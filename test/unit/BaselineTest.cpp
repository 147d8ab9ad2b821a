//===- BaselineTest.cpp ---------------------------------------------------===//
#include "tool/Baseline.h"
#include "CiTestUtil.h"

using namespace kmapcheck;
using namespace kmapcheck::test;

TEST(Baseline, RoundTripSortedAndUnique) {
  std::vector<Finding> V{finding("/r/b.c", 2, 1), finding("/r/a.c", 1, 1),
                         finding("/r/a.c", 9, 1)};
  V[0].Fingerprint = "ffffffffffffffff";
  V[1].Fingerprint = "0000000000000001";
  V[2].Fingerprint = "0000000000000001";
  std::string Text = renderBaseline(V, "/r");
  EXPECT_NE(Text.find("version: 1\n"), std::string::npos);
  size_t A = Text.find("- 0000000000000001 # kmap-leak a.c");
  size_t B = Text.find("- ffffffffffffffff # kmap-leak b.c");
  ASSERT_NE(A, std::string::npos);
  ASSERT_NE(B, std::string::npos);
  EXPECT_LT(A, B);
  EXPECT_EQ(Text.find("0000000000000001", A + 4), std::string::npos);
  auto Parsed = parseBaseline("b.yaml", Text);
  ASSERT_TRUE(bool(Parsed)) << llvm::toString(Parsed.takeError());
  EXPECT_EQ(Parsed->Fingerprints.size(), 2u);

  std::vector<Finding> Now{finding("/r/a.c", 1, 1), finding("/r/c.c", 1, 1)};
  Now[0].Fingerprint = "0000000000000001";
  Now[1].Fingerprint = "1234567890abcdef";
  EXPECT_EQ(applyBaseline(Now, *Parsed), 1u);
  ASSERT_EQ(Now.size(), 1u);
  EXPECT_EQ(Now[0].Fingerprint, "1234567890abcdef");
}

TEST(Baseline, EmptyRoundTrip) {
  auto P = parseBaseline("b.yaml", renderBaseline({}, "/"));
  ASSERT_TRUE(bool(P)) << llvm::toString(P.takeError());
  EXPECT_TRUE(P->Fingerprints.empty());
}

static std::string errorOf(llvm::StringRef Text) {
  auto P = parseBaseline("base.yaml", Text);
  if (P)
    return "";
  return llvm::toString(P.takeError());
}

TEST(Baseline, PositionedErrors) {
  EXPECT_EQ(errorOf("version: 1\nfingerprints:\n  - 12zz\n"),
            "base.yaml:3:5: expected a fingerprint of 16 hex digits");
  EXPECT_EQ(errorOf("version: 2\n"), "base.yaml:1:10: expected 'version: 1'");
  EXPECT_EQ(errorOf("version: 1\nfingerprint: []\n"),
            "base.yaml:2:1: unknown key 'fingerprint'; expected 'version' or "
            "'fingerprints'");
  EXPECT_EQ(errorOf("fingerprints: []\n"),
            "base.yaml:1:1: expected 'version: 1'");
  EXPECT_EQ(errorOf("- a\n"), "base.yaml:1:1: expected a mapping with "
                              "'version: 1' and 'fingerprints'");
  EXPECT_NE(errorOf("version: 1\nfingerprints: {\n"), "");
}
