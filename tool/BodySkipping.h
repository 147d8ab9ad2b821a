//===- BodySkipping.h - Parse only the bodies that can matter ---*- C++ -*-===//
//
// Most of a kernel TU's parse is the bodies of the headers' inline functions,
// and most of those can never be seen by an analysis: every analysis starts
// at the main file's functions (and at header functions that call the model
// directly) and follows references from there. clang skips a function body
// when FrontendOptions::SkipFunctionBodies is set and the ASTConsumer's
// shouldSkipFunctionBody() says so; BodySkipper decides.
//
// A body is kept when its function is in the main file (or a .c file the
// main file includes), is already referenced, or its raw tokens name
// something the rules know (a modeled function or macro, a declared lock or
// what it guards, or a macro whose definition names one, recursively), or its
// name is reachable from the main file's identifiers through the bodies and
// macro definitions of the headers (a raw-token closure over every header
// seen so far in the run, one raw scan per header per run). The rest is
// skipped.
//
// The decision is a prediction; what makes the result identical to a full
// parse is the check after it (verify()): a skipped function referenced by
// any code that was parsed, a skipped body whose expanded tokens name
// something the rules know or a function of the main file, or a body whose
// start was not where expected, makes the TU parsed again in full. So a
// skipped body is one that no analysis could reach.
//
//===----------------------------------------------------------------------===//
#ifndef KMAPCHECK_TOOL_BODYSKIPPING_H
#define KMAPCHECK_TOOL_BODYSKIPPING_H

#include "core/RulesLoader.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace clang {
class CompilerInstance;
class Decl;
class FunctionDecl;
class IdentifierInfo;
class Token;
} // namespace clang

namespace kmapcheck {

/// Raw-token facts of the files seen in a run, shared by the TUs (thread
/// safe). Identifiers are interned as numbers.
class HeaderIndex {
public:
  struct Body {
    std::vector<unsigned> Names;   // candidate names (identifier before '(')
    std::vector<unsigned> Offsets; // their offsets in the file
    std::vector<unsigned> Ids;     // identifiers of the body
    /// Whether Ids name something RelevantFor knows (-1: not known yet).
    mutable signed char Relevant = -1;
    mutable const RuleSet *RelevantFor = nullptr;
  };
  /// In the definition of macro \p Macro, the identifier \p Fixed pasted
  /// before (\p Prefix) or after a parameter.
  struct Paste {
    unsigned Macro;
    unsigned Fixed;
    bool Prefix;
  };
  struct FileFacts {
    bool Readable = false;
    std::vector<Body> Bodies;
    std::vector<std::pair<unsigned, std::vector<unsigned>>> Macros;
    std::vector<unsigned> AllIds; // every identifier of the file
    std::vector<std::string> QuotedIncludes;
    llvm::DenseMap<unsigned, unsigned> BodyAt; // name offset -> body
    /// Top-level macro invocations that may define functions
    /// (DEFINE_FREE(kfree, ...), PAGEFLAG(...)): the macro's name and the
    /// identifiers of the arguments. Functions defined in macro expansions
    /// are always parsed, so what they name is reached.
    std::vector<unsigned> Roots;
    /// Pastes of a fixed identifier to a macro parameter (const##op).
    std::vector<Paste> Pastes;
  };

  /// The facts of \p Path, scanned on first use (from \p Buffer when
  /// given, else read). Call with the lock held.
  const FileFacts &file(const std::string &Path,
                        llvm::StringRef Buffer = llvm::StringRef());
  unsigned intern(llvm::StringRef Name);
  /// Bodies and macro definitions by the name they are reached through.
  const std::vector<const std::vector<unsigned> *> &edges(unsigned Id) const;
  /// Whether \p Id names something \p Rules know, or a macro whose definition
  /// does (recursively). Memoised per rule set.
  bool relevant(const RuleSet &Rules, unsigned Id);
  /// Whether \p Name itself is something \p Rules know.
  static bool relevantName(const RuleSet &Rules, llvm::StringRef Name);
  llvm::StringRef name(unsigned Id) const { return Names[Id]; }
  /// Whether body \p B names something \p Rules know (memoised).
  bool relevant(const RuleSet &Rules, const Body &B);
  /// The definitions of macro \p Id (the identifiers of each).
  const std::vector<const std::vector<unsigned> *> &
  macroDefs(unsigned Id) const {
    return MacroDefs[Id];
  }
  /// The pastes in the definitions of macro \p Id.
  llvm::ArrayRef<Paste> pastes(unsigned Id) const {
    auto It = PastesOf.find(Id);
    if (It == PastesOf.end())
      return {};
    return It->second;
  }
  /// Learnt in the run: a function whose skipped body a TU referenced (a
  /// name the raw closure cannot see, made by ## in a macro) is parsed in
  /// the TUs after it, and is a root.
  void learn(llvm::StringRef Name) { Learnt.push_back(intern(Name)); }
  const std::vector<unsigned> &learnt() const { return Learnt; }

  std::mutex Lock;

private:
  llvm::StringMap<unsigned> Interned;
  std::vector<std::string> Names;
  llvm::StringMap<std::unique_ptr<FileFacts>> Files;
  std::vector<std::vector<const std::vector<unsigned> *>> Edges;
  llvm::DenseMap<const RuleSet *, std::vector<signed char>> Relevance;
  std::vector<std::vector<const std::vector<unsigned> *>> MacroDefs;
  std::vector<unsigned> Learnt;
  llvm::DenseMap<unsigned, std::vector<Paste>> PastesOf;
};

/// The files a Kbuild object's dependency list (the tree's .<obj>.cmd file,
/// found through the -Wp,-MMD,<dir>/.<obj>.d argument) names, absolute; empty
/// when there is none.
std::vector<std::string>
kbuildDependencies(const std::vector<std::string> &Argv,
                   const std::string &Directory);

struct BodySkipStats {
  unsigned Skipped = 0;
  unsigned Kept = 0; // header bodies kept
  bool Reparsed = false;
  std::string ReparseReason;
};

/// The decisions for one parse of one TU.
class BodySkipper {
public:
  /// \p Headers: the TU's headers when known beforehand (a Kbuild
  /// dependency list), indexed before the parse.
  BodySkipper(HeaderIndex &Index, const RuleSet &Rules,
              clang::CompilerInstance &CI, const std::string &MainFile,
              const std::vector<std::string> &Headers);
  /// Installs the token watcher and preprocessor callbacks (before parsing).
  void attach();
  /// ASTConsumer::shouldSkipFunctionBody.
  bool shouldSkip(clang::Decl *D);
  /// Records a function definition of the main file (HandleTopLevelDecl).
  void sawTopLevel(clang::Decl *D);
  /// After the parse: empty when the skipped bodies could not have mattered,
  /// else why the TU must be parsed in full.
  std::string verify();
  const BodySkipStats &stats() const { return Stats; }

  // Called by the token watcher and the macro callback.
  void onToken(const clang::Token &T);
  void onMacroInSkippedBody(const clang::IdentifierInfo *II);
  void onEnterFile(clang::SourceLocation Loc);

private:
  void reach(unsigned Id);
  void drain();
  void catchUp();
  bool namesMainFunction(const HeaderIndex::Body &B);
  bool namesMain(unsigned Id);
  llvm::DenseMap<unsigned, bool> MainMemo; // macros, by namesMain()
  const HeaderIndex::FileFacts *factsOf(clang::FileID FID);

  HeaderIndex &Index;
  const RuleSet &Rules;
  clang::CompilerInstance &CI;
  llvm::DenseSet<unsigned> Reached;
  llvm::DenseSet<unsigned> MainFns; // names of the main file's bodies (raw)
  std::vector<unsigned> Work;
  llvm::DenseMap<clang::FileID, const HeaderIndex::FileFacts *> FactsByFile;
  /// This TU's files (its dependency list, the main file, the files the
  /// parse entered), in the order first seen. Only their bodies, roots and
  /// names are this TU's: the index holds every file of the run, and
  /// taking them all made each TU keep (and walk) more of the run's bodies
  /// the longer the run (the whole tree's per-TU cost was 1.8x clang's,
  /// one TU alone 1.0x).
  void addFile(const HeaderIndex::FileFacts &F);
  std::vector<const HeaderIndex::FileFacts *> Files;
  llvm::DenseSet<const HeaderIndex::FileFacts *> FileSet;
  size_t FilesSeen = 0; // Files taken into account by catchUp()
  /// Every name a body or a macro definition of Files is reached through,
  /// in the order added (a name pasted from an argument is one of these,
  /// or reaches nothing).
  std::vector<unsigned> Targets;
  size_t LearntSeen = 0; // HeaderIndex::learnt() taken into account
  /// Pastes of macros reached: the fixed part and whether it comes first.
  /// A name made of one and a reached name is reached.
  void activate(const HeaderIndex::Paste &P);
  void matchPaste(unsigned Target, unsigned Fixed, bool Prefix);
  llvm::DenseSet<std::pair<unsigned, unsigned>> ActivePastes;
  std::vector<std::pair<unsigned, bool>> ActiveList;
  size_t TargetsSeen = 0; // Targets matched so far
  /// Names pasted from a name not reached yet, by that name.
  llvm::DenseMap<unsigned, std::vector<unsigned>> PendingPastes;
  std::vector<const clang::FunctionDecl *> SkippedFns;
  std::vector<const clang::FunctionDecl *> UserFns;
  llvm::DenseSet<const clang::IdentifierInfo *> SkippedIds;
  bool InSkip = false;
  unsigned Depth = 0;
  int LastKind = -1;  // kind of the last token the parser received
  std::string Broken; // why the token stream did not look as expected
  BodySkipStats Stats;
};

} // namespace kmapcheck

#endif
