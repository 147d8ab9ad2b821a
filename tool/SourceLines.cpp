//===- SourceLines.cpp ----------------------------------------------------===//
#include "tool/SourceLines.h"

#include "llvm/ADT/StringExtras.h"

namespace kmapcheck {

SourceLines::Entry &SourceLines::get(llvm::StringRef File) {
  auto It = Files.find(File);
  if (It != Files.end())
    return It->second;
  Entry E;
  if (auto Buf = llvm::MemoryBuffer::getFile(File, /*IsText=*/true)) {
    E.Buf = std::move(*Buf);
    llvm::StringRef Text = E.Buf->getBuffer();
    while (!Text.empty()) {
      auto [L, Rest] = Text.split('\n');
      E.Lines.push_back(L.rtrim('\r'));
      Text = Rest;
    }
  }
  return Files.try_emplace(File, std::move(E)).first->second;
}

llvm::StringRef SourceLines::line(llvm::StringRef File, unsigned N) {
  Entry &E = get(File);
  if (N == 0 || N > E.Lines.size())
    return "";
  return E.Lines[N - 1];
}

unsigned SourceLines::lineCount(llvm::StringRef File) {
  return get(File).Lines.size();
}

llvm::StringRef SourceLines::text(llvm::StringRef File) {
  Entry &E = get(File);
  return E.Buf ? E.Buf->getBuffer() : "";
}

bool SourceLines::readable(llvm::StringRef File) {
  return get(File).Buf != nullptr;
}

std::string normalizeLine(llvm::StringRef Line) {
  std::string Out;
  bool Space = false;
  for (char C : Line.trim()) {
    if (llvm::isSpace(C)) {
      Space = true;
      continue;
    }
    if (Space)
      Out += ' ';
    Space = false;
    Out += C;
  }
  return Out;
}

} // namespace kmapcheck
