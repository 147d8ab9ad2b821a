//===- RulesLoader.cpp - Loading rules/ YAML with yaml-cpp ----------------===//
//
// Compiled with -fexceptions: yaml-cpp throws. No exception leaves this file;
// every error becomes an llvm::Error naming file:line:column and what was
// expected. Unknown keys are rejected with the closest known key suggested.
//
//===----------------------------------------------------------------------===//
#include "core/RulesLoader.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <map>
#include <yaml-cpp/yaml.h>

namespace kmapcheck {
namespace {

/// Thrown inside this file only; converted to llvm::Error at the boundary.
struct RuleError {
  std::string Message;
};

class Reader {
public:
  explicit Reader(llvm::StringRef Path) : Path(Path.str()) {}

  [[noreturn]] void fail(const YAML::Mark &M, const llvm::Twine &What) const {
    std::string Pos = Path;
    if (!M.is_null())
      Pos +=
          ":" + std::to_string(M.line + 1) + ":" + std::to_string(M.column + 1);
    throw RuleError{Pos + ": " + What.str()};
  }

  void expectMap(const YAML::Node &N, llvm::StringRef What) const {
    if (!N.IsMap())
      fail(N.Mark(), "expected a mapping for " + What);
  }

  /// Rejects keys not in \p Known, suggesting the nearest one.
  void checkKeys(const YAML::Node &N, llvm::ArrayRef<llvm::StringRef> Known,
                 llvm::StringRef What) const {
    for (const auto &KV : N) {
      if (!KV.first.IsScalar())
        fail(KV.first.Mark(), "expected a key name in " + What);
      std::string Key = KV.first.Scalar();
      if (llvm::is_contained(Known, llvm::StringRef(Key)))
        continue;
      llvm::StringRef Best;
      unsigned BestDist = ~0u;
      for (llvm::StringRef K : Known) {
        unsigned D = llvm::StringRef(Key).edit_distance(K);
        if (D < BestDist) {
          BestDist = D;
          Best = K;
        }
      }
      std::string Msg = "unknown key '" + Key + "' in " + What.str();
      if (!Best.empty() && BestDist <= std::max<size_t>(2, Key.size() / 3))
        Msg += "; did you mean '" + Best.str() + "'?";
      else
        Msg += "; expected one of: " + llvm::join(Known, ", ");
      fail(KV.first.Mark(), Msg);
    }
  }

  std::string str(const YAML::Node &N, llvm::StringRef What) const {
    if (!N.IsScalar())
      fail(N.Mark(), "expected a string for " + What);
    return N.Scalar();
  }

  bool boolean(const YAML::Node &N, llvm::StringRef What) const {
    if (N.IsScalar()) {
      std::string S = llvm::StringRef(N.Scalar()).lower();
      if (S == "true" || S == "yes")
        return true;
      if (S == "false" || S == "no")
        return false;
    }
    fail(N.Mark(), "expected true or false for " + What);
  }

  int integer(const YAML::Node &N, llvm::StringRef What) const {
    long long V;
    if (!N.IsScalar() || llvm::StringRef(N.Scalar()).getAsInteger(10, V) ||
        V < -1 || V > 64)
      fail(N.Mark(), "expected an argument index (0..64, or -1) for " + What);
    return int(V);
  }

  template <typename T>
  T oneOf(const YAML::Node &N, llvm::StringRef What,
          llvm::ArrayRef<std::pair<llvm::StringRef, T>> Choices) const {
    std::string S = str(N, What);
    for (const auto &C : Choices)
      if (C.first == S)
        return C.second;
    std::vector<llvm::StringRef> Names;
    for (const auto &C : Choices)
      Names.push_back(C.first);
    fail(N.Mark(), "invalid value '" + S + "' for " + What +
                       "; expected one of: " + llvm::join(Names, ", "));
  }

  std::vector<std::string> strList(const YAML::Node &N,
                                   llvm::StringRef What) const {
    std::vector<std::string> Out;
    if (N.IsScalar()) {
      Out.push_back(N.Scalar());
      return Out;
    }
    if (!N.IsSequence())
      fail(N.Mark(), "expected a list of strings for " + What);
    for (const auto &E : N)
      Out.push_back(str(E, What));
    return Out;
  }

  std::string Path;
};

const std::pair<llvm::StringRef, MapKind> MapKinds[] = {
    {"local", MapKind::Local},
    {"atomic", MapKind::Atomic},
    {"global", MapKind::Global}};

ApiEntry readEntry(const Reader &R, const YAML::Node &N) {
  R.expectMap(N, "an API entry");
  static const llvm::StringRef Keys[] = {
      "name",           "macro",        "expands_to",    "map",
      "unmap",          "effects",      "might_sleep",   "might_sleep_if",
      "user_copy",      "needs_atomic", "lock",          "waits_for_ipi",
      "self_contained", "escapes_args", "deprecated_by", "error_pointer_test",
      "advances",       "doc",          "moves",         "hands_off"};
  R.checkKeys(N, Keys, "an API entry");
  ApiEntry E;
  E.SourceFile = R.Path;
  E.SourceLine = N.Mark().line + 1;
  if (!N["name"])
    R.fail(N.Mark(), "API entry has no 'name'");
  E.Name = R.str(N["name"], "'name'");
  if (E.Name.empty())
    R.fail(N["name"].Mark(), "expected a non-empty 'name'");
  if (auto M = N["macro"])
    E.IsMacro = R.boolean(M, "'macro'");
  if (auto X = N["expands_to"]) {
    E.Callees = R.strList(X, "'expands_to'");
    E.IsMacro = true;
  }
  if (auto M = N["map"]) {
    R.expectMap(M, "'map'");
    static const llvm::StringRef MK[] = {"kind", "page_arg"};
    R.checkKeys(M, MK, "'map'");
    MapSpec S;
    if (!M["kind"])
      R.fail(M.Mark(), "'map' needs a 'kind' (local, atomic or global)");
    S.Kind = R.oneOf<MapKind>(M["kind"], "'map.kind'", MapKinds);
    if (M["page_arg"])
      S.PageArg = R.integer(M["page_arg"], "'map.page_arg'");
    E.Map = S;
  }
  if (auto U = N["unmap"]) {
    R.expectMap(U, "'unmap'");
    static const llvm::StringRef UK[] = {"kind", "arg", "arg_index"};
    R.checkKeys(U, UK, "'unmap'");
    UnmapSpec S;
    if (!U["kind"])
      R.fail(U.Mark(), "'unmap' needs a 'kind' (local, atomic or global)");
    S.Kind = R.oneOf<MapKind>(U["kind"], "'unmap.kind'", MapKinds);
    if (U["arg"]) {
      static const std::pair<llvm::StringRef, bool> Args[] = {{"address", true},
                                                              {"page", false}};
      S.ArgIsAddress = R.oneOf<bool>(U["arg"], "'unmap.arg'", Args);
    }
    if (U["arg_index"]) {
      int I = R.integer(U["arg_index"], "'unmap.arg_index'");
      if (I < 0)
        R.fail(U["arg_index"].Mark(), "expected a non-negative 'arg_index'");
      S.Arg = unsigned(I);
    }
    E.Unmap = S;
  }
  if (auto Ef = N["effects"]) {
    for (const std::string &S : R.strList(Ef, "'effects'")) {
      Effect X;
      if (!parseEffect(S, X))
        R.fail(Ef.Mark(),
               "unknown effect '" + S +
                   "'; expected pagefault_disable, pagefault_enable, "
                   "preempt_disable, preempt_enable, irq_disable, irq_enable, "
                   "irq_save or irq_restore");
      E.Effects.push_back(X);
    }
  }
  if (auto M = N["might_sleep"])
    E.MightSleep = R.boolean(M, "'might_sleep'");
  if (auto M = N["might_sleep_if"]) {
    R.expectMap(M, "'might_sleep_if'");
    static const llvm::StringRef SK[] = {"gfp_arg"};
    R.checkKeys(M, SK, "'might_sleep_if'");
    if (!M["gfp_arg"])
      R.fail(M.Mark(), "'might_sleep_if' needs a 'gfp_arg' (the index of the "
                       "GFP flags argument)");
    int I = R.integer(M["gfp_arg"], "'might_sleep_if.gfp_arg'");
    if (I < 0)
      R.fail(M["gfp_arg"].Mark(), "expected a non-negative 'gfp_arg'");
    E.SleepGfpArg = I;
  }
  if (auto M = N["user_copy"])
    E.UserCopy = R.boolean(M, "'user_copy'");
  if (auto M = N["needs_atomic"]) {
    static const std::pair<llvm::StringRef, AtomicNeed> Needs[] = {
        {"pagefault", AtomicNeed::Pagefault}, {"preempt", AtomicNeed::Preempt}};
    if (M.IsSequence()) {
      for (const auto &X : M)
        E.NeedsAtomic.push_back(
            R.oneOf<AtomicNeed>(X, "'needs_atomic'", Needs));
    } else {
      E.NeedsAtomic.push_back(R.oneOf<AtomicNeed>(M, "'needs_atomic'", Needs));
    }
  }
  if (auto L = N["lock"]) {
    R.expectMap(L, "'lock'");
    static const llvm::StringRef LK[] = {"action", "arg",      "lock",
                                         "irq",    "sleeping", "try"};
    R.checkKeys(L, LK, "'lock'");
    LockSpec S;
    static const std::pair<llvm::StringRef, LockAction> Actions[] = {
        {"acquire", LockAction::Acquire}, {"release", LockAction::Release}};
    if (!L["action"])
      R.fail(L.Mark(), "'lock' needs an 'action' (acquire or release)");
    S.Action = R.oneOf<LockAction>(L["action"], "'lock.action'", Actions);
    if (L["lock"]) {
      S.Lock = R.str(L["lock"], "'lock.lock'");
      S.Arg = -1;
    }
    if (L["arg"])
      S.Arg = R.integer(L["arg"], "'lock.arg'");
    if (L["sleeping"])
      S.Sleeping = R.boolean(L["sleeping"], "'lock.sleeping'");
    if (L["try"]) {
      S.Try = R.boolean(L["try"], "'lock.try'");
      if (S.Try && S.Action != LockAction::Acquire)
        R.fail(L["try"].Mark(), "'lock.try' is only for 'action: acquire'");
    }
    if (L["irq"]) {
      static const std::pair<llvm::StringRef, LockIrq> Irqs[] = {
          {"none", LockIrq::None},
          {"disable", LockIrq::Disable},
          {"enable", LockIrq::Enable},
          {"save", LockIrq::Save},
          {"restore", LockIrq::Restore}};
      S.Irq = R.oneOf<LockIrq>(L["irq"], "'lock.irq'", Irqs);
    }
    E.Lock = S;
  }
  if (auto W = N["waits_for_ipi"]) {
    if (W.IsMap()) {
      static const llvm::StringRef WK[] = {"wait_arg"};
      R.checkKeys(W, WK, "'waits_for_ipi'");
      IpiSpec S;
      if (W["wait_arg"])
        S.WaitArg = R.integer(W["wait_arg"], "'waits_for_ipi.wait_arg'");
      E.WaitsForIpi = S;
    } else if (R.boolean(W, "'waits_for_ipi'")) {
      E.WaitsForIpi = IpiSpec();
    }
  }
  if (auto M = N["self_contained"])
    E.SelfContained = R.boolean(M, "'self_contained'");
  if (auto M = N["error_pointer_test"]) {
    std::string T = R.str(M, "'error_pointer_test'");
    if (T == "is_err")
      E.ErrTest = ErrorPointerTest::IsErr;
    else if (T == "is_err_or_null")
      E.ErrTest = ErrorPointerTest::IsErrOrNull;
    else
      R.fail(M.Mark(), "unknown 'error_pointer_test' '" + T +
                           "' (expected is_err or is_err_or_null)");
  }
  if (auto M = N["escapes_args"]) {
    if (!M.IsSequence())
      R.fail(M.Mark(),
             "expected a list of argument indexes for 'escapes_args'");
    for (const auto &X : M) {
      int I = R.integer(X, "'escapes_args'");
      if (I < 0)
        R.fail(X.Mark(), "expected a non-negative argument index");
      E.EscapesArgs.push_back(unsigned(I));
    }
  }
  if (auto Adv = N["advances"]) {
    // One cursor ({arg, field, by_up_to}) or a list of them.
    std::vector<YAML::Node> Items;
    if (Adv.IsSequence())
      for (const auto &X : Adv)
        Items.push_back(X);
    else
      Items.push_back(Adv);
    for (const YAML::Node &A : Items) {
      R.expectMap(A, "'advances'");
      static const llvm::StringRef AK[] = {"arg", "field", "by_up_to"};
      R.checkKeys(A, AK, "'advances'");
      AdvanceSpec S;
      if (!A["field"] || !A["by_up_to"])
        R.fail(A.Mark(), "'advances' needs a 'field' (the cursor) and "
                         "'by_up_to' (the field of bytes left)");
      if (A["arg"]) {
        int I = R.integer(A["arg"], "'advances.arg'");
        if (I < 0)
          R.fail(A["arg"].Mark(), "expected a non-negative 'advances.arg'");
        S.Arg = unsigned(I);
      }
      S.Field = R.str(A["field"], "'advances.field'");
      S.Limit = R.str(A["by_up_to"], "'advances.by_up_to'");
      if (S.Field.empty() || S.Limit.empty())
        R.fail(A.Mark(), "expected non-empty 'advances.field' and "
                         "'advances.by_up_to'");
      E.Advances.push_back(S);
    }
  }
  if (auto M = N["moves"]) {
    R.expectMap(M, "'moves'");
    static const llvm::StringRef MK[] = {"dst", "src"};
    R.checkKeys(M, MK, "'moves'");
    MoveSpec S;
    for (auto [Key, Field] :
         {std::pair{"dst", &S.Dst}, std::pair{"src", &S.Src}})
      if (M[Key]) {
        int I = R.integer(M[Key], std::string("'moves.") + Key + "'");
        if (I < 0)
          R.fail(M[Key].Mark(), "expected a non-negative argument index");
        *Field = unsigned(I);
      }
    E.Moves = S;
  }
  if (auto M = N["hands_off"]) {
    if (!M.IsSequence())
      R.fail(M.Mark(), "expected a list of argument indexes for 'hands_off'");
    for (const auto &X : M) {
      int I = R.integer(X, "'hands_off'");
      if (I < 0)
        R.fail(X.Mark(), "expected a non-negative argument index");
      E.HandsOff.push_back(unsigned(I));
    }
  }
  if (auto M = N["deprecated_by"])
    E.DeprecatedBy = R.str(M, "'deprecated_by'");
  if (auto M = N["doc"])
    (void)R.str(M, "'doc'");
  if (E.Map && E.Unmap)
    R.fail(N.Mark(), "entry '" + E.Name +
                         "' has both 'map' and 'unmap'; use 'self_contained'");
  return E;
}

template <typename Fn> llvm::Error guarded(llvm::StringRef Path, Fn &&F) {
  try {
    F();
    return llvm::Error::success();
  } catch (const RuleError &E) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), E.Message);
  } catch (const YAML::Exception &E) {
    std::string Pos = Path.str();
    if (!E.mark.is_null())
      Pos += ":" + std::to_string(E.mark.line + 1) + ":" +
             std::to_string(E.mark.column + 1);
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Pos + ": invalid YAML: " + E.msg);
  } catch (const std::exception &E) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Path.str() + ": " + E.what());
  }
}

} // namespace

llvm::Error loadApiFile(llvm::StringRef Path, llvm::StringRef Contents,
                        ApiModel &Model) {
  return guarded(Path, [&] {
    Reader R(Path);
    YAML::Node Root = YAML::Load(Contents.str());
    if (!Root.IsMap())
      R.fail(Root.Mark(), "expected a mapping with a 'functions' list at the "
                          "top of an API model file");
    static const llvm::StringRef TopKeys[] = {"functions", "page_size",
                                              "gfp_direct_reclaim"};
    R.checkKeys(Root, TopKeys, "an API model file");
    YAML::Node Fns = Root["functions"];
    if (!Fns || !Fns.IsSequence())
      R.fail(Fns ? Fns.Mark() : Root.Mark(),
             "expected 'functions' to be a list of API entries");
    std::vector<ApiEntry> Parsed;
    std::map<std::string, unsigned> FirstLine; // name -> 1-based line
    for (const auto &N : Fns) {
      Parsed.push_back(readEntry(R, N));
      auto [It, New] =
          FirstLine.try_emplace(Parsed.back().Name, N.Mark().line + 1);
      if (!New)
        R.fail(N["name"].Mark(), "duplicate API entry '" + Parsed.back().Name +
                                     "'; it is already declared at line " +
                                     llvm::Twine(It->second));
    }
    if (YAML::Node PS = Root["page_size"]) {
      unsigned long long Bytes;
      if (!PS.IsScalar() ||
          llvm::StringRef(PS.Scalar()).getAsInteger(10, Bytes) || Bytes < 512 ||
          Bytes > (1ull << 30) || (Bytes & (Bytes - 1)))
        R.fail(PS.Mark(), "expected a power of two from 512 to 1073741824 "
                          "(bytes) for 'page_size'");
      Model.setPageSize(Bytes);
    }
    if (YAML::Node G = Root["gfp_direct_reclaim"]) {
      R.expectMap(G, "'gfp_direct_reclaim'");
      static const llvm::StringRef GK[] = {"value", "macro"};
      R.checkKeys(G, GK, "'gfp_direct_reclaim'");
      unsigned long long Bit = 0;
      if (!G["value"] || !G["value"].IsScalar() ||
          llvm::StringRef(G["value"].Scalar()).getAsInteger(0, Bit) ||
          Bit == 0 || (Bit & (Bit - 1)))
        R.fail(G["value"] ? G["value"].Mark() : G.Mark(),
               "expected a single bit (an integer such as 0x400) for "
               "'gfp_direct_reclaim.value'");
      std::string Macro;
      if (G["macro"])
        Macro = R.str(G["macro"], "'gfp_direct_reclaim.macro'");
      Model.setGfpSleepBit(Bit, Macro);
    }
    for (ApiEntry &E : Parsed)
      Model.add(std::move(E));
  });
}

llvm::Error loadLocksFile(llvm::StringRef Path, llvm::StringRef Contents,
                          std::vector<LockDecl> &Out) {
  return guarded(Path, [&] {
    Reader R(Path);
    YAML::Node Root = YAML::Load(Contents.str());
    if (!Root.IsMap())
      R.fail(Root.Mark(), "expected a mapping with a 'locks' list at the top "
                          "of a lock declaration file");
    static const llvm::StringRef TopKeys[] = {"locks"};
    R.checkKeys(Root, TopKeys, "a lock declaration file");
    YAML::Node Locks = Root["locks"];
    if (!Locks || !Locks.IsSequence())
      R.fail(Locks ? Locks.Mark() : Root.Mark(),
             "expected 'locks' to be a list of lock declarations");
    std::vector<LockDecl> Parsed;
    for (const auto &N : Locks) {
      R.expectMap(N, "a lock declaration");
      static const llvm::StringRef Keys[] = {
          "name",   "taken_by", "released_by",         "irq_off_in",
          "guards", "doc",      "taken_by_page_faults"};
      R.checkKeys(N, Keys, "a lock declaration");
      LockDecl L;
      L.SourceFile = Path.str();
      L.Line = N.Mark().line + 1;
      if (!N["name"])
        R.fail(N.Mark(), "lock declaration has no 'name'");
      L.Name = R.str(N["name"], "'name'");
      // Documentation of the wrappers that take and release the lock; the
      // engine finds them through the API model, so they are only validated.
      if (N["taken_by"])
        (void)R.strList(N["taken_by"], "'taken_by'");
      if (N["released_by"])
        (void)R.strList(N["released_by"], "'released_by'");
      if (N["irq_off_in"])
        L.IrqOffIn = R.strList(N["irq_off_in"], "'irq_off_in'");
      if (N["doc"])
        (void)R.str(N["doc"], "'doc'");
      if (N["taken_by_page_faults"])
        L.TakenByPageFaults =
            R.boolean(N["taken_by_page_faults"], "'taken_by_page_faults'");
      if (YAML::Node G = N["guards"]) {
        R.expectMap(G, "'guards'");
        static const llvm::StringRef GK[] = {"variables", "fields",
                                             "accessors"};
        R.checkKeys(G, GK, "'guards'");
        if (G["variables"])
          L.GuardedVariables = R.strList(G["variables"], "'guards.variables'");
        if (G["fields"])
          L.GuardedFields = R.strList(G["fields"], "'guards.fields'");
        if (YAML::Node A = G["accessors"]) {
          if (!A.IsSequence())
            R.fail(A.Mark(), "expected 'guards.accessors' to be a list of "
                             "{read, write} pairs");
          for (const auto &X : A) {
            R.expectMap(X, "an accessor");
            static const llvm::StringRef AK[] = {"read", "write"};
            R.checkKeys(X, AK, "an accessor");
            if (!X["read"])
              R.fail(X.Mark(), "an accessor needs 'read'");
            L.Accessors.push_back(
                {R.str(X["read"], "'read'"),
                 X["write"] ? R.str(X["write"], "'write'") : std::string()});
          }
        }
      }
      Parsed.push_back(std::move(L));
    }
    for (LockDecl &L : Parsed)
      Out.push_back(std::move(L));
  });
}

llvm::Expected<CheckSpec> loadCheckFile(llvm::StringRef Path,
                                        llvm::StringRef Contents) {
  CheckSpec Spec;
  Spec.SourceFile = Path.str();
  if (llvm::Error Err = guarded(Path, [&] {
        Reader R(Path);
        YAML::Node Root = YAML::Load(Contents.str());
        R.expectMap(Root, "a check file");
        static const llvm::StringRef Keys[] = {
            "id", "severity", "summary", "description", "options", "examples"};
        R.checkKeys(Root, Keys, "a check file");
        for (llvm::StringRef Required :
             {"id", "severity", "summary", "description", "examples"})
          if (!Root[Required.str()])
            R.fail(Root.Mark(), "check file has no '" + Required + "' key");
        Spec.Id = R.str(Root["id"], "'id'");
        Spec.IdLine = Root["id"].Mark().line + 1;
        Spec.IdColumn = Root["id"].Mark().column + 1;
        if (!parseSeverity(R.str(Root["severity"], "'severity'"), Spec.Level))
          R.fail(Root["severity"].Mark(),
                 "invalid 'severity'; expected note, warning or error");
        Spec.Summary = R.str(Root["summary"], "'summary'");
        Spec.Description = R.str(Root["description"], "'description'");
        if (auto Opts = Root["options"]) {
          if (!Opts.IsSequence())
            R.fail(Opts.Mark(), "expected 'options' to be a list");
          for (const auto &O : Opts) {
            R.expectMap(O, "an option");
            static const llvm::StringRef OK[] = {"name", "default",
                                                 "description", "type"};
            R.checkKeys(O, OK, "an option");
            if (!O["name"] || !O["default"])
              R.fail(O.Mark(), "an option needs 'name' and 'default'");
            CheckOption CO;
            CO.Name = R.str(O["name"], "'name'");
            CO.Default = R.str(O["default"], "'default'");
            if (O["description"])
              CO.Description = R.str(O["description"], "'description'");
            llvm::StringRef D = CO.Default;
            unsigned long long N;
            if (O["type"]) {
              CO.Type = R.str(O["type"], "'type'");
              if (CO.Type != "bool" && CO.Type != "unsigned" &&
                  CO.Type != "string")
                R.fail(O["type"].Mark(),
                       "invalid option 'type'; expected bool, unsigned or "
                       "string");
            } else if (D == "true" || D == "false") {
              CO.Type = "bool";
            } else if (!D.empty() && !D.getAsInteger(10, N)) {
              CO.Type = "unsigned";
            }
            std::string Expected;
            if (!checkOptionValue(CO.Type, CO.Default, Expected))
              R.fail(O["default"].Mark(), "invalid 'default' for an option of "
                                          "type " +
                                              CO.Type + "; expected " +
                                              Expected);
            Spec.Options.push_back(CO);
          }
        }
        YAML::Node Ex = Root["examples"];
        R.expectMap(Ex, "'examples'");
        static const llvm::StringRef EK[] = {"bad", "good"};
        R.checkKeys(Ex, EK, "'examples'");
        if (!Ex["bad"] || !Ex["good"])
          R.fail(Ex.Mark(), "'examples' needs both 'bad' and 'good'");
        Spec.BadExample = R.str(Ex["bad"], "'examples.bad'");
        Spec.GoodExample = R.str(Ex["good"], "'examples.good'");
      }))
    return std::move(Err);
  return Spec;
}

static llvm::Expected<std::vector<std::string>> listYaml(llvm::StringRef Dir) {
  std::vector<std::string> Files;
  if (!llvm::sys::fs::is_directory(Dir))
    return Files;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef P = It->path();
    if (P.ends_with(".yaml") || P.ends_with(".yml"))
      Files.push_back(P.str());
  }
  if (EC)
    return llvm::createStringError(EC, "%s: cannot list directory: %s",
                                   Dir.str().c_str(), EC.message().c_str());
  llvm::sort(Files);
  return Files;
}

llvm::Expected<RuleSet> loadRules(llvm::ArrayRef<std::string> Dirs) {
  RuleSet Rules;
  for (const std::string &Dir : Dirs) {
    if (!llvm::sys::fs::is_directory(Dir))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "%s: rules directory does not exist",
                                     Dir.c_str());
    // Every YAML file of a rules directory is read; one that would not be
    // (outside api/, locks/ and checks/, or deeper) is an error, not a rule
    // silently ignored.
    std::error_code EC;
    for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End;
         It != End && !EC; It.increment(EC)) {
      llvm::StringRef P = It->path();
      if (!P.ends_with(".yaml") && !P.ends_with(".yml"))
        continue;
      llvm::SmallVector<llvm::StringRef, 4> Parts;
      P.drop_front(std::min(P.size(), Dir.size()))
          .ltrim('/')
          .split(Parts, '/', -1, /*KeepEmpty=*/false);
      if (Parts.size() == 2 &&
          (Parts[0] == "api" || Parts[0] == "locks" || Parts[0] == "checks"))
        continue;
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "%s: a rules file outside api/, locks/ and checks/ of the rules "
          "directory %s; it would not be read (move it into one of them)",
          P.str().c_str(), Dir.c_str());
    }
    for (llvm::StringRef Sub : {"api", "locks", "checks"}) {
      llvm::SmallString<256> SubDir(Dir);
      llvm::sys::path::append(SubDir, Sub);
      auto Files = listYaml(SubDir);
      if (!Files)
        return Files.takeError();
      for (const std::string &F : *Files) {
        auto Buf = llvm::MemoryBuffer::getFile(F);
        if (!Buf)
          return llvm::createStringError(Buf.getError(), "%s: cannot read: %s",
                                         F.c_str(),
                                         Buf.getError().message().c_str());
        if (Sub == "api") {
          if (llvm::Error E = loadApiFile(F, (*Buf)->getBuffer(), Rules.Api))
            return std::move(E);
          continue;
        }
        if (Sub == "locks") {
          std::vector<LockDecl> New;
          if (llvm::Error E = loadLocksFile(F, (*Buf)->getBuffer(), New))
            return std::move(E);
          // A later declaration of the same lock replaces the earlier one.
          for (LockDecl &L : New) {
            llvm::erase_if(Rules.Locks,
                           [&](const LockDecl &O) { return O.Name == L.Name; });
            Rules.Locks.push_back(std::move(L));
          }
          continue;
        }
        auto Spec = loadCheckFile(F, (*Buf)->getBuffer());
        if (!Spec)
          return Spec.takeError();
        llvm::StringRef Stem = llvm::sys::path::stem(F);
        if (Stem != Spec->Id)
          return llvm::createStringError(
              llvm::inconvertibleErrorCode(),
              "%s:%u:%u: check id '%s' does not match the file name; expected "
              "'%s'",
              F.c_str(), Spec->IdLine, Spec->IdColumn, Spec->Id.c_str(),
              Stem.str().c_str());
        Rules.Checks[Spec->Id] = std::move(*Spec);
      }
    }
  }
  Rules.Api.finalize();
  return std::move(Rules);
}

bool checkOptionValue(llvm::StringRef Type, llvm::StringRef Value,
                      std::string &Expected) {
  if (Type == "bool") {
    Expected = "true or false";
    return llvm::is_contained({"true", "false", "yes", "no", "1", "0"},
                              Value.lower());
  }
  if (Type == "unsigned") {
    Expected = "a non-negative integer";
    unsigned long long N;
    return !Value.empty() && llvm::all_of(Value, llvm::isDigit) &&
           !Value.getAsInteger(10, N) && N <= 0xffffffffu;
  }
  return true;
}

} // namespace kmapcheck
