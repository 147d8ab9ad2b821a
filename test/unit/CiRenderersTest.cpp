//===- CiRenderersTest.cpp - SARIF, GitHub and GitLab renderers -----------===//
#include "tool/CiRenderers.h"
#include "CiTestUtil.h"

#include "llvm/Support/JSON.h"
#include <set>

using namespace kmapcheck;
using namespace kmapcheck::test;

namespace {
ReportContext ctx() {
  ReportContext C;
  C.SourceRoot = "/src/linux";
  C.ToolVersion = "0.1.0";
  C.InformationUri = "https://example.org/kmapcheck";
  return C;
}

llvm::json::Value parse(const std::string &S) {
  auto V = llvm::json::parse(S);
  EXPECT_TRUE(bool(V));
  return V ? std::move(*V) : llvm::json::Value(nullptr);
}
} // namespace

TEST(Sarif, ResultShape) {
  Finding F = finding("/src/linux/mm/a b.c", 7, 3);
  F.Fingerprint = "0123456789abcdef";
  F.Notes.push_back({{"/src/linux/mm/a b.c", 5, 9, 0}, "mapping created here"});
  F.Notes.push_back({{}, "assuming nothing"});
  F.Fixes.push_back({"/src/linux/mm/a b.c", 40, 4, "kmap_local_page"});
  std::string S;
  llvm::raw_string_ostream OS(S);
  renderSarif(OS, {F}, {}, ctx());
  llvm::json::Value V = parse(S);
  auto *Run = (*V.getAsObject()->getArray("runs"))[0].getAsObject();
  EXPECT_EQ(*Run->getObject("originalUriBaseIds")
                 ->getObject("%SRCROOT%")
                 ->getString("uri"),
            "file:///src/linux/");
  auto *R = (*Run->getArray("results"))[0].getAsObject();
  EXPECT_EQ(*R->getString("ruleId"), "kmap-leak");
  EXPECT_EQ(*R->getInteger("ruleIndex"), 0);
  auto *Loc = (*R->getArray("locations"))[0].getAsObject()->getObject(
      "physicalLocation");
  EXPECT_EQ(*Loc->getObject("artifactLocation")->getString("uri"),
            "mm/a%20b.c");
  EXPECT_EQ(*Loc->getObject("artifactLocation")->getString("uriBaseId"),
            "%SRCROOT%");
  auto *Region = Loc->getObject("region");
  EXPECT_EQ(*Region->getInteger("startLine"), 7);
  EXPECT_EQ(*Region->getInteger("startColumn"), 3);
  EXPECT_EQ(*Region->getInteger("endLine"), 7);
  EXPECT_EQ(*Region->getInteger("endColumn"), 7);
  EXPECT_EQ(*R->getObject("partialFingerprints")->getString("kmapcheck/v1"),
            "0123456789abcdef");
  EXPECT_EQ(R->getArray("relatedLocations")->size(), 1u);
  auto *Flow = (*(*R->getArray("codeFlows"))[0].getAsObject()->getArray(
      "threadFlows"))[0]
                   .getAsObject()
                   ->getArray("locations");
  ASSERT_EQ(Flow->size(), 3u); // two notes, then the finding
  EXPECT_EQ(*(*Flow)[1]
                 .getAsObject()
                 ->getObject("location")
                 ->getObject("message")
                 ->getString("text"),
            "assuming nothing");
  auto *Fix = (*R->getArray("fixes"))[0].getAsObject();
  auto *Rep = (*(*Fix->getArray("artifactChanges"))[0].getAsObject()->getArray(
      "replacements"))[0]
                  .getAsObject();
  EXPECT_EQ(*Rep->getObject("deletedRegion")->getInteger("byteOffset"), 40);
  EXPECT_EQ(*Rep->getObject("insertedContent")->getString("text"),
            "kmap_local_page");
}

TEST(Sarif, TruncatesPastGithubLimitsWithANotification) {
  std::vector<Finding> V;
  for (unsigned I = 1; I <= 5; ++I)
    V.push_back(finding("/src/linux/a.c", I, 1));
  V[3].Level = Severity::Error;
  for (unsigned I = 0; I < 6; ++I)
    V[0].Notes.push_back({{"/src/linux/a.c", 1, 1, 0}, "step"});
  SarifLimits L;
  L.MaxResults = 3;
  L.MaxThreadFlowLocations = 4;
  L.MaxRelatedLocations = 2;
  std::string S;
  llvm::raw_string_ostream OS(S);
  renderSarif(OS, V, {}, ctx(), L);
  llvm::json::Value J = parse(S);
  auto *Run = (*J.getAsObject()->getArray("runs"))[0].getAsObject();
  auto *Results = Run->getArray("results");
  ASSERT_EQ(Results->size(), 3u);
  // The error is kept.
  EXPECT_EQ(*(*Results)[0].getAsObject()->getString("level"), "error");
  auto *First = (*Results)[1].getAsObject();
  EXPECT_EQ(First->getArray("relatedLocations")->size(), 2u);
  auto *Flow = (*(*First->getArray("codeFlows"))[0].getAsObject()->getArray(
      "threadFlows"))[0]
                   .getAsObject()
                   ->getArray("locations");
  EXPECT_EQ(Flow->size(), 4u);
  auto *N = (*Run->getArray("invocations"))[0].getAsObject()->getArray(
      "toolExecutionNotifications");
  ASSERT_EQ(N->size(), 2u);
  EXPECT_EQ(*(*N)[0].getAsObject()->getObject("message")->getString("text"),
            "2 of 5 results were dropped: GitHub code scanning accepts at "
            "most 3 results per run");
  EXPECT_NE(S.find("4 related location(s) and 3 path step(s) were dropped"),
            std::string::npos);
}

TEST(Github, Escaping) {
  EXPECT_EQ(githubEscapeData("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
  EXPECT_EQ(githubEscapeProperty("100% a:b,c\r\nd"), "100%25 a%3Ab%2Cc%0D%0Ad");
  Finding F = finding("/src/linux/dir,x/a:b.c", 3, 2, "kmap-leak",
                      "50% leaked, see: here");
  F.Notes.push_back({{"/src/linux/dir,x/a:b.c", 1, 1, 0}, "created here"});
  std::string S;
  llvm::raw_string_ostream OS(S);
  renderGithub(OS, {F}, ctx(), nullptr, false);
  EXPECT_EQ(S.substr(0, S.find('\n')),
            "::warning file=dir%2Cx/a%3Ab.c,line=3,col=2,endLine=3,"
            "endColumn=6,title=[kmap-leak]::50%25 leaked, see: here%0Anote: "
            "dir,x/a:b.c:1: created here");
}

TEST(Github, AnnotationCapsAndClosingNotice) {
  std::vector<Finding> V;
  for (unsigned I = 1; I <= 14; ++I)
    V.push_back(finding("/src/linux/a.c", I, 1));
  V[12].Level = Severity::Error; // line 13
  std::string S;
  llvm::raw_string_ostream OS(S);
  // Line 14 is on a changed line: it comes first.
  renderGithub(
      OS, V, ctx(), [](const Finding &F) { return F.Loc.Line == 14; }, true);
  llvm::SmallVector<llvm::StringRef, 32> Lines;
  llvm::StringRef(S).split(Lines, '\n');
  EXPECT_TRUE(Lines[0].starts_with("::warning file=a.c,line=14,"));
  EXPECT_TRUE(Lines[1].starts_with("::error file=a.c,line=13,"));
  unsigned Warnings = 0;
  for (llvm::StringRef L : Lines)
    Warnings += L.starts_with("::warning ");
  EXPECT_EQ(Warnings, 10u);
  EXPECT_EQ(Lines[11], "::notice title=kmapcheck::14 finding(s), 11 annotated, "
                       "3 not shown (GitHub shows 10 annotations per type per "
                       "step and 50 per job); the step summary and the group "
                       "below list all 14");
  EXPECT_EQ(Lines[12], "::group::kmapcheck: all 14 finding(s)");
  EXPECT_EQ(Lines[13], "a.c:1:1: warning: mapping leaks [kmap-leak]");
}

TEST(Github, StepSummaryIsCapped) {
  std::vector<Finding> V;
  for (unsigned I = 1; I <= 100; ++I)
    V.push_back(finding("/src/linux/a.c", I, 1, "kmap-leak", "a | b"));
  GithubLimits L;
  L.SummaryBytes = 2048;
  std::string S = githubStepSummary(V, ctx(), L);
  EXPECT_LE(S.size(), 2048u);
  EXPECT_NE(S.find("| warning | `kmap-leak` | `a.c:1:1` | a \\| b |"),
            std::string::npos);
  EXPECT_NE(S.find("more finding(s) not listed: the step summary is limited "
                   "to 2 KiB"),
            std::string::npos);
}

TEST(Gitlab, FingerprintsUniqueAndFields) {
  std::vector<Finding> V{finding("/src/linux/a.c", 1, 1),
                         finding("/src/linux/a.c", 2, 1),
                         finding("/src/linux/a.c", 3, 1)};
  V[0].Fingerprint = V[1].Fingerprint = "00000000000000aa";
  V[2].Level = Severity::Error;
  std::string S;
  llvm::raw_string_ostream OS(S);
  renderGitlab(OS, V, ctx());
  llvm::json::Value J = parse(S);
  auto *A = J.getAsArray();
  ASSERT_EQ(A->size(), 3u);
  std::set<std::string> FPs;
  for (auto &E : *A)
    FPs.insert(E.getAsObject()->getString("fingerprint")->str());
  EXPECT_EQ(FPs.size(), 3u);
  auto *O = (*A)[0].getAsObject();
  EXPECT_EQ(*O->getString("fingerprint"), "00000000000000aa");
  EXPECT_EQ(*O->getString("check_name"), "kmap-leak");
  EXPECT_EQ(*O->getString("description"), "mapping leaks");
  EXPECT_EQ(*O->getString("severity"), "major");
  EXPECT_EQ(*O->getObject("location")->getString("path"), "a.c");
  EXPECT_EQ(*O->getObject("location")->getObject("lines")->getInteger("begin"),
            1);
  EXPECT_EQ(*(*A)[2].getAsObject()->getString("severity"), "critical");
}
