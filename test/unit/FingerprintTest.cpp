//===- FingerprintTest.cpp - Fingerprint stability ------------------------===//
#include "tool/Fingerprint.h"
#include "CiTestUtil.h"

using namespace kmapcheck;
using namespace kmapcheck::test;

namespace {
const char *Code = "void f(struct page *p)\n"
                   "{\n"
                   "  char *a = kmap_local_page(p);\n"
                   "  if (a[0])\n"
                   "    return;\n"
                   "  kunmap_local(a);\n"
                   "}\n";

/// The fingerprint of a kmap-leak at \p Line (map site \p MapLine) in a file
/// holding \p Text, with the file under \p Root.
std::string fp(const TempDir &D, llvm::StringRef Text, unsigned Line,
               unsigned MapLine, llvm::StringRef Name = "fs/a.c") {
  std::string File = D.file(Name, Text);
  Finding F = finding(File, Line, 5);
  F.Notes.push_back({{File, MapLine, 13, 0}, "mapping of 'a' created here"});
  std::vector<Finding> V{F};
  SourceLines Lines;
  computeFingerprints(V, D.path(), Lines);
  EXPECT_EQ(V[0].Fingerprint.size(), 16u);
  return V[0].Fingerprint;
}
} // namespace

TEST(Fingerprint, SurvivesLinesInsertedAbove) {
  TempDir D;
  std::string Before = fp(D, Code, 5, 3);
  std::string Shifted =
      fp(D, std::string("#include <linux/highmem.h>\n\n/* comment */\n") + Code,
         8, 6);
  EXPECT_EQ(Before, Shifted);
}

TEST(Fingerprint, SurvivesReindentation) {
  TempDir D;
  std::string Before = fp(D, Code, 5, 3);
  std::string Reindented = Code;
  Reindented.replace(Reindented.find("    return;"), 11, "\t\treturn; ");
  EXPECT_EQ(Before, fp(D, Reindented, 5, 3));
}

TEST(Fingerprint, ChangesWithTheFindingsLine) {
  TempDir D;
  std::string Before = fp(D, Code, 5, 3);
  std::string Changed = Code;
  Changed.replace(Changed.find("return;"), 7, "return -EIO;");
  EXPECT_NE(Before, fp(D, Changed, 5, 3));
}

TEST(Fingerprint, ChangesWithTheMapSite) {
  TempDir D;
  std::string Before = fp(D, Code, 5, 3);
  std::string Changed = Code;
  Changed.replace(Changed.find("kmap_local_page(p)"), 18,
                  "kmap_local_page(p + 1)");
  EXPECT_NE(Before, fp(D, Changed, 5, 3));
}

TEST(Fingerprint, DependsOnFileCheckAndFunctionNotOnRootLocation) {
  TempDir D1, D2;
  EXPECT_EQ(fp(D1, Code, 5, 3), fp(D2, Code, 5, 3));
  EXPECT_NE(fp(D1, Code, 5, 3), fp(D1, Code, 5, 3, "fs/b.c"));
  std::string File = D1.file("fs/a.c", Code);
  std::vector<Finding> V{finding(File, 5, 5), finding(File, 5, 5, "kmap-x"),
                         finding(File, 5, 5)};
  V[2].Function = "g";
  SourceLines Lines;
  computeFingerprints(V, D1.path(), Lines);
  EXPECT_NE(V[0].Fingerprint, V[1].Fingerprint);
  EXPECT_NE(V[0].Fingerprint, V[2].Fingerprint);
}

TEST(Fingerprint, OccurrenceIndexSeparatesEqualFindings) {
  TempDir D;
  std::string File = D.file("a.c", "x(); x();\n");
  std::vector<Finding> V{finding(File, 1, 1), finding(File, 1, 6)};
  SourceLines Lines;
  computeFingerprints(V, D.path(), Lines);
  EXPECT_NE(V[0].Fingerprint, V[1].Fingerprint);
}

TEST(Fingerprint, RelativeToRoot) {
  EXPECT_EQ(relativeToRoot("/src/linux/mm/a.c", "/src/linux"), "mm/a.c");
  EXPECT_EQ(relativeToRoot("/src/linux/mm/a.c", "/src/linux/"), "mm/a.c");
  EXPECT_EQ(relativeToRoot("/src/linuxx/a.c", "/src/linux"), "/src/linuxx/a.c");
  EXPECT_EQ(normalizeLine("  a \t b  "), "a b");
}
