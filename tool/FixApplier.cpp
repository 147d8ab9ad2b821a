//===- FixApplier.cpp -----------------------------------------------------===//
#include "tool/FixApplier.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <csignal>
#include <fcntl.h>
#include <map>
#include <pthread.h>
#include <unistd.h>

namespace kmapcheck {

namespace {

bool overlaps(const Replacement &A, const Replacement &B) {
  if (A.File != B.File)
    return false;
  // Two insertions at one offset: their order would be arbitrary.
  if (A.Offset == B.Offset)
    return true;
  unsigned AEnd = A.Offset + A.Length, BEnd = B.Offset + B.Length;
  return A.Offset < BEnd && B.Offset < AEnd;
}

std::string posText(const Finding &F) {
  return F.Loc.File + ":" + std::to_string(F.Loc.Line) + ":" +
         std::to_string(F.Loc.Column);
}

/// The real path of \p P, or \p P when it cannot be resolved.
class RealPaths {
public:
  const std::string &operator()(const std::string &P) {
    auto It = Cache.find(P);
    if (It != Cache.end())
      return It->second;
    llvm::SmallString<256> Real;
    std::string R = P;
    if (!P.empty() && !llvm::sys::fs::real_path(P, Real))
      R = std::string(Real);
    return Cache.try_emplace(P, std::move(R)).first->second;
  }

private:
  llvm::StringMap<std::string> Cache;
};

/// Holds off the signals that end a process from a terminal or a job
/// control system while a file is being replaced; they are delivered when
/// the file is complete.
class HoldTerminationSignals {
public:
  HoldTerminationSignals() {
    sigset_t Set;
    sigemptyset(&Set);
    for (int S : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGUSR1, SIGUSR2})
      sigaddset(&Set, S);
    pthread_sigmask(SIG_BLOCK, &Set, &Old);
  }
  ~HoldTerminationSignals() { pthread_sigmask(SIG_SETMASK, &Old, nullptr); }

private:
  sigset_t Old;
};

bool writeAll(int FD, llvm::StringRef Text) {
  while (!Text.empty()) {
    ssize_t N = ::write(FD, Text.data(), Text.size());
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    Text = Text.drop_front(N);
  }
  return true;
}

void syncDirectoryOf(llvm::StringRef File) {
  llvm::SmallString<256> Dir(llvm::sys::path::parent_path(File));
  if (Dir.empty())
    Dir = ".";
  int FD = ::open(Dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (FD >= 0) {
    ::fsync(FD);
    ::close(FD);
  }
}

/// Replaces the contents of \p File (a real path) with \p Text; an error
/// message, or empty.
std::string replaceContents(const std::string &File, llvm::StringRef Text,
                            const llvm::sys::fs::file_status &St) {
  HoldTerminationSignals Hold;
  if (St.getLinkCount() > 1) {
    // Several names for one file: a rename would split them. Rewrite it in
    // place; the signals are held until it is complete.
    int FD = ::open(File.c_str(), O_WRONLY | O_CLOEXEC);
    if (FD < 0)
      return "cannot open it for writing: " +
             std::error_code(errno, std::generic_category()).message();
    bool Ok = writeAll(FD, Text) && ::ftruncate(FD, Text.size()) == 0 &&
              ::fsync(FD) == 0;
    int Err = errno;
    ::close(FD);
    if (!Ok)
      return "cannot write the fixed file: " +
             std::error_code(Err, std::generic_category()).message();
    return "";
  }
  // Atomic write: a temporary file next to the original, then rename.
  llvm::SmallString<256> Model(File);
  Model += ".kmapcheck-%%%%%%";
  int FD;
  llvm::SmallString<256> Tmp;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          Model, FD, Tmp, llvm::sys::fs::OF_None, St.permissions()))
    return "cannot create a temporary file next to it: " + EC.message();
  bool Ok = writeAll(FD, Text) && ::fsync(FD) == 0;
  int Err = errno;
  ::close(FD);
  if (!Ok) {
    llvm::sys::fs::remove(Tmp);
    return "cannot write the fixed file: " +
           std::error_code(Err, std::generic_category()).message();
  }
  llvm::sys::fs::setPermissions(Tmp, St.permissions());
  if (std::error_code EC = llvm::sys::fs::rename(Tmp, File)) {
    llvm::sys::fs::remove(Tmp);
    return "cannot replace the file: " + EC.message();
  }
  syncDirectoryOf(File);
  return "";
}

} // namespace

void canonicalizePaths(std::vector<Finding> &Findings) {
  RealPaths Real;
  auto Fix = [&](std::string &P) {
    if (!P.empty())
      P = Real(P);
  };
  for (Finding &F : Findings) {
    Fix(F.Loc.File);
    Fix(F.End.File);
    for (FindingNote &N : F.Notes)
      Fix(N.Loc.File);
    for (Replacement &R : F.Fixes)
      Fix(R.File);
  }
}

void matchLineEndings(std::vector<Finding> &Findings) {
  llvm::StringMap<bool> Crlf;
  auto IsCrlf = [&](const std::string &File) {
    auto It = Crlf.find(File);
    if (It != Crlf.end())
      return It->second;
    bool C = false;
    if (auto Buf = llvm::MemoryBuffer::getFile(File)) {
      llvm::StringRef Text = (*Buf)->getBuffer();
      size_t NL = Text.find('\n');
      C = NL != llvm::StringRef::npos && NL > 0 && Text[NL - 1] == '\r';
    }
    return Crlf[File] = C;
  };
  for (Finding &F : Findings)
    for (Replacement &R : F.Fixes) {
      if (R.Text.find('\n') == std::string::npos || !IsCrlf(R.File))
        continue;
      std::string T;
      for (size_t I = 0; I < R.Text.size(); ++I) {
        if (R.Text[I] == '\n' && (I == 0 || R.Text[I - 1] != '\r'))
          T += '\r';
        T += R.Text[I];
      }
      R.Text = std::move(T);
    }
}

FixOutcome applyFixes(llvm::ArrayRef<Finding> Findings) {
  FixOutcome Out;
  RealPaths Real;
  std::map<std::string, std::vector<Replacement>> ByFile;
  std::vector<Replacement> Accepted;
  for (const Finding &F : Findings) {
    if (F.Fixes.empty())
      continue;
    std::vector<Replacement> New;
    bool Conflict = false;
    for (Replacement R : F.Fixes) {
      R.File = Real(R.File);
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
    std::string Error = replaceContents(File, NewText, St);
    if (!Error.empty()) {
      Out.HadError = true;
      Out.Messages.push_back(File + ": error: " + Error);
      continue;
    }
    Out.ChangedFiles.push_back(File);
  }
  return Out;
}

} // namespace kmapcheck
