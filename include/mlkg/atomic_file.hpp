#pragma once
// Every file mlkg writes goes through here, so a failed or interrupted write never leaves a
// half-written file and never clobbers the old one. A path that is a symbolic link is written through: what
// it names is replaced (created, when the link dangles), and the link kept; a loop of links is Error(io).

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mlkg {

// Writes `data` to a temporary file in `path`'s folder, flushes it to disk (fsync), then renames it
// over `path`. On any failure the temporary file is removed, `path` is left as it was, and
// Error(io) names `path` and what went wrong. A file replaced keeps its permission bits, its ACL, and its owner and
// group where the user may set them (else it becomes the user's, as in an editor); a new one gets those of an
// ordinary create. A name ending in '/' is Error(usage). What is neither a file nor a folder (a device such as
// /dev/null or /dev/full, a terminal, a FIFO, a pipe or socket reached through /dev/stdout or /proc/self/fd/N) is
// written in place instead, since renaming over it would replace the device node; its errors name `path` as given.
// So is the file that standard output or standard error is (-o /dev/stdout >> log.txt), through that descriptor:
// appended to, or written at its offset, as the shell opened it, never replaced.
void write_file_atomically(const std::string& path, std::string_view data);
// The same for a file given as parts, written one after the other (none is copied to join them).
void write_file_atomically(const std::string& path, const std::vector<std::string_view>& parts);

// What a folder write kept of the folder it replaced.
struct KeptEntries {
  std::size_t count = 0; // entries mlkg did not write, moved into the new folder
  // Of them, the files a marker of an older mlkg, which listed no files, leaves unexplained: perhaps that mlkg's
  // own, of a slice no longer written. 0 when the old marker lists what mlkg wrote.
  std::size_t unexplained = 0;
};

// Writes a folder of files (name, text; plain names, no subfolders) as a temporary folder next to
// `path`, then swaps it into place, so readers see the old folder or the new one, never a mix. An
// existing `path` is replaced only when it is a folder this function wrote (it holds `marker`) or
// an empty one; anything else is refused with Error(io) and left alone. The marker lists the files written;
// replacing a folder replaces those and keeps the rest: an entry mlkg did not write (an editor's settings, the
// user's notes) is moved into the new folder before the swap, and a stale file mlkg wrote goes with the old one.
// An entry mlkg did not write with the name of a file to write is Error(usage), and nothing is written; a failure
// midway puts every entry moved back. A marker without a list (an older mlkg's) makes every file it does not
// replace one to keep, listed as such, so that a later write of its name still replaces it. A replaced folder keeps
// its permission bits. Trailing slashes and "/." name the folder itself ("out/" is out); a path ending in "." or
// ".." otherwise is Error(usage), since the folder is swapped by its name.
KeptEntries write_folder_atomically(const std::string& path,
                                    const std::vector<std::pair<std::string, std::string>>& files,
                                    const std::string& marker = ".mlkg-export");

// Whether `path` names a terminal (/dev/tty, or /dev/stdout when standard output is one), where binary output is
// not written. False for what is not one or cannot be opened.
bool is_terminal(const std::string& path);

// Makes SIGINT, SIGTERM, SIGHUP and SIGXFSZ remove the temporary file or folder of a write in progress,
// then end the process as the signal would have. Signals the process ignores (nohup) stay ignored. For a
// program's main(): it installs signal handlers.
void remove_temporaries_on_signals();

} // namespace mlkg
