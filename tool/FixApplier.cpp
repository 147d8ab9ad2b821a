//===- FixApplier.cpp -----------------------------------------------------===//
#include "tool/FixApplier.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

namespace kmapcheck {

static bool overlaps(const Replacement &A, const Replacement &B) {
  if (A.File != B.File)
    return false;
  // Two insertions at one offset: their order would be arbitrary.
  if (A.Offset == B.Offset)
    return true;
  unsigned AEnd = A.Offset + A.Length, BEnd = B.Offset + B.Length;
  return A.Offset < BEnd && B.Offset < AEnd;
}

static std::string posText(const Finding &F) {
  return F.Loc.File + ":" + std::to_string(F.Loc.Line) + ":" +
         std::to_string(F.Loc.Column);
}

FixOutcome applyFixes(llvm::ArrayRef<Finding> Findings) {
  FixOutcome Out;
  std::map<std::string, std::vector<Replacement>> ByFile;
  std::map<std::string, std::vector<const Finding *>> FindingsOfFile;
  std::vector<Replacement> Accepted;
  for (const Finding &F : Findings) {
    if (F.Fixes.empty())
      continue;
    std::vector<Replacement> New;
    bool Conflict = false;
    for (const Replacement &R : F.Fixes) {
      if (llvm::is_contained(Accepted, R))
        continue; // the same fix reported through another TU
      for (const Replacement &A : Accepted)
        Conflict |= overlaps(A, R);
      for (const Replacement &N : New)
        Conflict |= overlaps(N, R);
      New.push_back(R);
    }
    if (Conflict) {
      ++Out.RefusedFixes;
      Out.Messages.push_back(posText(F) + ": error: fix-it for [" + F.CheckId +
                             "] not applied: it conflicts with another fix-it "
                             "in the same place");
      continue;
    }
    if (New.empty())
      continue;
    ++Out.AppliedFixes;
    for (const Replacement &R : New) {
      Accepted.push_back(R);
      ByFile[R.File].push_back(R);
    }
  }

  for (auto &KV : ByFile) {
    const std::string &File = KV.first;
    std::vector<Replacement> &Reps = KV.second;
    llvm::sort(Reps);
    llvm::sys::fs::file_status St;
    if (std::error_code EC = llvm::sys::fs::status(File, St)) {
      Out.HadError = true;
      Out.Messages.push_back(File +
                             ": error: cannot apply fix-its: " + EC.message());
      continue;
    }
    // Checked on the permission bits, not with access(): root may write a
    // read-only file, but the user marked it so on purpose.
    if ((St.permissions() &
         (llvm::sys::fs::owner_write | llvm::sys::fs::group_write |
          llvm::sys::fs::others_write)) == 0) {
      Out.HadError = true;
      Out.Messages.push_back(File + ": error: cannot apply fix-its: the file "
                                    "is read-only; it was left unchanged");
      continue;
    }
    auto Buf = llvm::MemoryBuffer::getFile(File);
    if (!Buf) {
      Out.HadError = true;
      Out.Messages.push_back(
          File + ": error: cannot read: " + Buf.getError().message());
      continue;
    }
    llvm::StringRef Old = (*Buf)->getBuffer();
    std::string NewText;
    unsigned Pos = 0;
    bool Bad = false;
    for (const Replacement &R : Reps) {
      if (R.Offset < Pos || R.Offset + R.Length > Old.size()) {
        Bad = true;
        break;
      }
      NewText += Old.substr(Pos, R.Offset - Pos).str();
      NewText += R.Text;
      Pos = R.Offset + R.Length;
    }
    if (Bad) {
      Out.HadError = true;
      Out.Messages.push_back(File + ": error: fix-its do not match the file "
                                    "(changed since it was analysed?); it was "
                                    "left unchanged");
      continue;
    }
    NewText += Old.substr(Pos).str();
    if (NewText == Old)
      continue;
    // Atomic write: a temporary file next to the original, then rename.
    llvm::SmallString<256> Model(File);
    Model += ".kmapcheck-%%%%%%";
    int FD;
    llvm::SmallString<256> Tmp;
    if (std::error_code EC = llvm::sys::fs::createUniqueFile(
            Model, FD, Tmp, llvm::sys::fs::OF_None, St.permissions())) {
      Out.HadError = true;
      Out.Messages.push_back(File +
                             ": error: cannot create a temporary file "
                             "next to it: " +
                             EC.message());
      continue;
    }
    {
      llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
      OS << NewText;
      OS.flush();
      if (OS.has_error()) {
        OS.clear_error();
        llvm::sys::fs::remove(Tmp);
        Out.HadError = true;
        Out.Messages.push_back(File + ": error: cannot write the fixed file");
        continue;
      }
    }
    llvm::sys::fs::setPermissions(Tmp, St.permissions());
    if (std::error_code EC = llvm::sys::fs::rename(Tmp, File)) {
      llvm::sys::fs::remove(Tmp);
      Out.HadError = true;
      Out.Messages.push_back(
          File + ": error: cannot replace the file: " + EC.message());
      continue;
    }
    Out.ChangedFiles.push_back(File);
  }
  return Out;
}

} // namespace kmapcheck
