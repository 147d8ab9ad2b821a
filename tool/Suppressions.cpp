//===- Suppressions.cpp ---------------------------------------------------===//
#include "tool/Suppressions.h"
#include "tool/CheckFilter.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/MemoryBuffer.h"

namespace kmapcheck {

llvm::StringRef Suppressions::line(const std::string &File, unsigned N) {
  const std::vector<std::string> &L = lines(File);
  if (N == 0 || N > L.size())
    return "";
  return L[N - 1];
}

const std::vector<std::string> &Suppressions::lines(const std::string &File) {
  auto It = Lines.find(File);
  if (It == Lines.end()) {
    std::vector<std::string> L;
    if (auto Buf = llvm::MemoryBuffer::getFile(File)) {
      llvm::SmallVector<llvm::StringRef, 0> Parts;
      (*Buf)->getBuffer().split(Parts, '\n');
      for (llvm::StringRef P : Parts)
        L.push_back(P.str());
    }
    It = Lines.try_emplace(File, std::move(L)).first;
  }
  return It->second;
}

unsigned Suppressions::warnUnknownChecks(llvm::ArrayRef<std::string> Files,
                                         llvm::ArrayRef<std::string> Known,
                                         llvm::raw_ostream &Err) {
  unsigned N = 0;
  std::vector<std::string> Sorted(Files.begin(), Files.end());
  llvm::sort(Sorted);
  Sorted.erase(std::unique(Sorted.begin(), Sorted.end()), Sorted.end());
  for (const std::string &File : Sorted) {
    const std::vector<std::string> &L = lines(File);
    for (size_t I = 0; I < L.size(); ++I) {
      if (!llvm::StringRef(L[I]).contains("NOKMAPCHECK"))
        continue;
      for (const auto &[Col, Name] : suppressionNames(L[I])) {
        if (llvm::any_of(Known, [&, &Name = Name](const std::string &K) {
              return globMatches(Name, K);
            }))
          continue;
        std::string S = closestName(Name, Known);
        Err << File << ":" << I + 1 << ":" << Col
            << ": warning: the suppression names unknown check '" << Name << "'"
            << (S.empty() ? "" : "; did you mean '" + S + "'?")
            << " [kmapcheck]\n";
        ++N;
      }
    }
  }
  return N;
}

bool Suppressions::suppressed(const Finding &F) {
  return isSuppressed(line(F.Loc.File, F.Loc.Line),
                      line(F.Loc.File, F.Loc.Line - 1), F.CheckId);
}

unsigned Suppressions::apply(std::vector<Finding> &Findings) {
  unsigned N = 0;
  llvm::erase_if(Findings, [&](const Finding &F) {
    bool S = suppressed(F);
    N += S;
    return S;
  });
  return N;
}

} // namespace kmapcheck
