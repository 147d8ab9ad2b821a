//===- Suppressions.cpp ---------------------------------------------------===//
#include "tool/Suppressions.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/MemoryBuffer.h"

namespace kmapcheck {

llvm::StringRef Suppressions::line(const std::string &File, unsigned N) {
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
  if (N == 0 || N > It->second.size())
    return "";
  return It->second[N - 1];
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
