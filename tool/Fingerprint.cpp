//===- Fingerprint.cpp ----------------------------------------------------===//
#include "tool/Fingerprint.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

namespace kmapcheck {

std::string relativeToRoot(llvm::StringRef File, llvm::StringRef Root) {
  llvm::StringRef R = Root;
  while (R.size() > 1 && llvm::sys::path::is_separator(R.back()))
    R = R.drop_back();
  if (!R.empty() && File.starts_with(R) && File.size() > R.size() &&
      (llvm::sys::path::is_separator(File[R.size()]) || R == "/")) {
    llvm::StringRef Rest = File.drop_front(R.size());
    while (!Rest.empty() && llvm::sys::path::is_separator(Rest.front()))
      Rest = Rest.drop_front();
    return llvm::sys::path::convert_to_slash(Rest);
  }
  return llvm::sys::path::convert_to_slash(File);
}

const FindingNote *mapSiteNote(const Finding &F) {
  for (const FindingNote &N : F.Notes)
    if (N.Loc.valid() && llvm::StringRef(N.Message).ends_with("created here"))
      return &N;
  return nullptr;
}

void computeFingerprints(std::vector<Finding> &Findings,
                         llvm::StringRef SourceRoot, SourceLines &Lines) {
  llvm::StringMap<unsigned> Seen;
  for (Finding &F : Findings) {
    std::string Key;
    auto Add = [&](llvm::StringRef Part) {
      Key += Part;
      Key += '\0';
    };
    Add("kmapcheck-fingerprint-v1");
    Add(F.CheckId);
    Add(relativeToRoot(F.Loc.File, SourceRoot));
    Add(F.Function);
    Add(normalizeLine(Lines.line(F.Loc.File, F.Loc.Line)));
    if (const FindingNote *M = mapSiteNote(F)) {
      Add(relativeToRoot(M->Loc.File, SourceRoot));
      Add(normalizeLine(Lines.line(M->Loc.File, M->Loc.Line)));
    } else {
      Add("");
      Add("");
    }
    unsigned Occurrence = Seen[Key]++;
    Add(std::to_string(Occurrence));
    auto Hash = llvm::SHA256::hash(llvm::arrayRefFromStringRef(Key));
    F.Fingerprint = llvm::toHex(llvm::ArrayRef<uint8_t>(Hash).take_front(8),
                                /*LowerCase=*/true);
  }
}

} // namespace kmapcheck
