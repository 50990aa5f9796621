#pragma once
// Private to the io module: the temporary files and folders of writes in progress, which the handlers
// installed by remove_temporaries_on_signals() remove when a signal ends the process mid-write.

#include <csignal>
#include <string>

namespace mlkg::detail {

// Blocks the signals remove_temporaries_on_signals() handles, in the calling thread, while it lives; one
// delivered meanwhile waits, and acts when it ends.
class HandledSignalsBlocked {
public:
  HandledSignalsBlocked();
  ~HandledSignalsBlocked();
  HandledSignalsBlocked(const HandledSignalsBlocked&) = delete;
  HandledSignalsBlocked& operator=(const HandledSignalsBlocked&) = delete;

private:
  sigset_t saved_;
};

// Creates a temporary file or folder through `create` (which fills in and returns its name, or an empty
// name when it fails) and keeps it listed until destroyed. In the calling thread, signals stay blocked from
// before the name exists until it is listed, so no signal delivered to it falls between the two (in a
// program of one thread, as mlkg is, none at all).
class ListedTemporary {
public:
  template <class Create> ListedTemporary(bool folder, Create&& create) : folder_(folder), name_(created(create)) {}
  ~ListedTemporary() { unlist(); }
  ListedTemporary(const ListedTemporary&) = delete;
  ListedTemporary& operator=(const ListedTemporary&) = delete;

  const std::string& name() const { return name_; }
  // Done with it: removed, renamed into place, or swapped and about to be removed (listed until then).
  void unlist();

private:
  template <class Create> std::string created(Create& create) {
    const HandledSignalsBlocked blocked;
    std::string name = create();
    if (!name.empty()) list(name);
    return name;
  }
  void list(const std::string& name);

  bool folder_; // these two before name_, which created() fills in after listing it
  int slot_ = -1;
  std::string name_;
};

} // namespace mlkg::detail
