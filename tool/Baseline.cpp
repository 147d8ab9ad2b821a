//===- Baseline.cpp -------------------------------------------------------===//
#include "tool/Baseline.h"
#include "tool/Fingerprint.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"
#include <map>

namespace kmapcheck {

namespace {
class Parser {
public:
  Parser(llvm::StringRef Path, llvm::StringRef Contents)
      : Path(Path), Stream(Contents, SM) {}

  llvm::Error error(llvm::yaml::Node *N, const llvm::Twine &Msg) {
    unsigned Line = 1, Col = 1;
    if (N) {
      auto LC = SM.getLineAndColumn(N->getSourceRange().Start);
      Line = LC.first;
      Col = LC.second;
    }
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "%s:%u:%u: %s", Path.c_str(), Line, Col,
                                   Msg.str().c_str());
  }

  llvm::Expected<Baseline> parse() {
    Baseline B;
    auto It = Stream.begin();
    if (It == Stream.end() || !It->getRoot())
      return error(nullptr, "expected a mapping with 'version: 1' and "
                            "'fingerprints'");
    llvm::yaml::Node *Root = It->getRoot();
    if (Stream.failed())
      return error(Root, "not valid YAML");
    if (llvm::isa<llvm::yaml::NullNode>(Root))
      return error(Root, "expected a mapping with 'version: 1' and "
                         "'fingerprints', not an empty document");
    auto *Map = llvm::dyn_cast<llvm::yaml::MappingNode>(Root);
    if (!Map)
      return error(Root, "expected a mapping with 'version: 1' and "
                         "'fingerprints'");
    bool HaveVersion = false;
    for (llvm::yaml::KeyValueNode &KV : *Map) {
      auto *K = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(KV.getKey());
      if (!K)
        return error(KV.getKey(), "expected a key");
      llvm::SmallString<32> KS;
      llvm::StringRef Key = K->getValue(KS);
      llvm::yaml::Node *V = KV.getValue();
      if (Stream.failed())
        return error(V, "not valid YAML");
      if (Key == "version") {
        auto *S = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(V);
        llvm::SmallString<8> VS;
        if (!S || S->getValue(VS) != "1")
          return error(V, "expected 'version: 1'");
        HaveVersion = true;
      } else if (Key == "fingerprints") {
        if (llvm::isa_and_nonnull<llvm::yaml::NullNode>(V))
          continue;
        auto *Seq = llvm::dyn_cast_or_null<llvm::yaml::SequenceNode>(V);
        if (!Seq)
          return error(V, "expected a list of fingerprints");
        for (llvm::yaml::Node &E : *Seq) {
          auto *S = llvm::dyn_cast<llvm::yaml::ScalarNode>(&E);
          llvm::SmallString<32> FS;
          llvm::StringRef F = S ? S->getValue(FS) : "";
          if (F.size() != 16 || !llvm::all_of(F, llvm::isHexDigit))
            return error(&E, "expected a fingerprint of 16 hex digits");
          B.Fingerprints.insert(F.lower());
        }
        if (Stream.failed())
          return error(V, "not valid YAML");
      } else {
        return error(K, "unknown key '" + Key +
                            "'; expected 'version' or 'fingerprints'");
      }
    }
    if (Stream.failed())
      return error(Root, "not valid YAML");
    if (!HaveVersion)
      return error(Root, "expected 'version: 1'");
    return B;
  }

private:
  std::string Path;
  llvm::SourceMgr SM;
  llvm::yaml::Stream Stream;
};
} // namespace

llvm::Expected<Baseline> parseBaseline(llvm::StringRef Path,
                                       llvm::StringRef Contents) {
  Parser P(Path, Contents);
  return P.parse();
}

llvm::Expected<Baseline> loadBaseline(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return llvm::createStringError(
        Buf.getError(), "cannot read baseline '%s': %s", Path.str().c_str(),
        Buf.getError().message().c_str());
  return parseBaseline(Path, (*Buf)->getBuffer());
}

std::string renderBaseline(llvm::ArrayRef<Finding> Findings,
                           llvm::StringRef SourceRoot) {
  std::map<std::string, std::string> Entries;
  for (const Finding &F : Findings)
    Entries.emplace(F.Fingerprint,
                    F.CheckId + " " + relativeToRoot(F.Loc.File, SourceRoot));
  std::string Out = "# kmapcheck baseline: fingerprints of accepted findings "
                    "(--write-baseline).\n"
                    "# Findings listed here are hidden by --baseline.\n"
                    "version: 1\n";
  if (Entries.empty())
    return Out + "fingerprints: []\n";
  Out += "fingerprints:\n";
  for (const auto &KV : Entries) {
    std::string Comment = KV.second;
    llvm::erase_if(Comment, [](char C) { return C == '\n' || C == '\r'; });
    Out += "  - " + KV.first + " # " + Comment + "\n";
  }
  return Out;
}

unsigned applyBaseline(std::vector<Finding> &Findings, const Baseline &B) {
  size_t Before = Findings.size();
  llvm::erase_if(Findings, [&](const Finding &F) {
    return B.Fingerprints.count(F.Fingerprint) != 0;
  });
  return Before - Findings.size();
}

} // namespace kmapcheck
