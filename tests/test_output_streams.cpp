// Outputs that are streams, not files: a pipe, socket, FIFO or terminal named by -o (/dev/stdout, /proc/self/fd/N,
// /dev/tty), which is written in place, and binary drawings on standard output, written unescaped where it is not a
// terminal.
#include "mlkg/atomic_file.hpp"
#include "mlkg/cli.hpp"
#include "mlkg/error.hpp"
#include "support.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
#include <mutex>
#include <poll.h>
#include <sstream>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

using mlkg::test::CliResult;
using mlkg::test::mini;
using mlkg::test::mini_dir;
using mlkg::test::read_file;
using mlkg::test::run_cli;
using mlkg::test::run_shell;
using mlkg::test::TempDir;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Everything left to read on `fd` (whose writing ends are all closed).
std::string read_all(int fd) {
  std::string text;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
  return text;
}

// Two connected descriptors, closed when the object dies: a pipe (read, write) or a socket pair.
struct Ends {
  int read = -1, write = -1;
  explicit Ends(bool socket) {
    int fds[2];
    REQUIRE((socket ? ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) : ::pipe2(fds, O_CLOEXEC)) == 0);
    read = fds[0];
    write = fds[1];
  }
  ~Ends() {
    if (read >= 0) ::close(read);
    if (write >= 0) ::close(write);
  }
  Ends(const Ends&) = delete;
  Ends& operator=(const Ends&) = delete;
  // Closes the writing end and reads what came through.
  std::string finish() {
    ::close(write);
    write = -1;
    return read_all(read);
  }
};

// The Error `write` throws, or a failed check.
template <class Write> mlkg::Error error_of(Write write) {
  try {
    write();
  } catch (const mlkg::Error& e) {
    return e;
  }
  FAIL("expected an error");
  return mlkg::Error(mlkg::ErrorKind::usage, "");
}

// SIGPIPE ignored while it lives, as a shell's `trap '' PIPE` leaves it: a write to a closed pipe is then EPIPE.
class PipeSignalIgnored {
public:
  PipeSignalIgnored() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, &old_);
  }
  ~PipeSignalIgnored() { ::sigaction(SIGPIPE, &old_, nullptr); }
  PipeSignalIgnored(const PipeSignalIgnored&) = delete;
  PipeSignalIgnored& operator=(const PipeSignalIgnored&) = delete;

private:
  struct sigaction old_ {};
};

// A pseudo-terminal: `name` is the terminal a program would write to. What reaches it is read as it comes (a
// terminal nobody reads blocks its writer), into received().
class Terminal {
public:
  Terminal() {
    master_ = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    REQUIRE(master_ >= 0);
    REQUIRE(::grantpt(master_) == 0);
    REQUIRE(::unlockpt(master_) == 0);
    name = ::ptsname(master_);
    reader_ = std::thread([this] {
      while (!stop_) {
        pollfd ready{master_, POLLIN, 0};
        if (::poll(&ready, 1, 20) <= 0) continue;
        if (!(ready.revents & POLLIN)) { // hung up: no side open, until the next write opens one
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
          continue;
        }
        char buffer[4096];
        const ssize_t n = ::read(master_, buffer, sizeof buffer);
        const std::lock_guard<std::mutex> lock(mutex_);
        if (n > 0) received_.append(buffer, static_cast<std::size_t>(n));
      }
    });
  }
  ~Terminal() {
    stop_ = true;
    reader_.join();
    ::close(master_);
  }
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  std::string name;
  std::string received() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return received_;
  }

private:
  int master_ = -1;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::string received_;
  std::thread reader_;
};

// `mlkg --no-cache ARGS` as its own process, its standard output a pipe (popen's), its standard error thrown away.
CliResult binary(const std::string& args) {
  return run_shell("{ " + std::string(MLKG_BINARY) + " --no-cache " + args + " 2>/dev/null; }");
}

// The same run's standard error and exit status alone, its standard output a pipe that `head` closes after one byte.
// `shell_first` runs before it in the same shell (such as `trap '' PIPE`).
std::string cut_short(const std::string& shell_first, const std::string& args) {
  return run_shell("{ " + shell_first + " { " + std::string(MLKG_BINARY) + " --no-cache " + args +
                   " 2>&3; echo \"status=$?\" >&3; } | head -c 1 >/dev/null; } 3>&1")
      .out;
}

} // namespace

TEST_CASE("a pipe, a socket or a FIFO named by a path is written in place, through /proc/self/fd and /dev/fd") {
  const std::string text = "written in place\n";
  for (const bool socket : {false, true}) {
    for (const char* folder : {"/proc/self/fd/", "/dev/fd/"}) {
      CAPTURE(socket);
      CAPTURE(folder);
      Ends ends(socket);
      mlkg::write_file_atomically(folder + std::to_string(ends.write), text);
      CHECK(ends.finish() == text);
    }
  }
  // Through a link of the user's own, as /dev/stdout is one.
  TempDir dir;
  Ends ends(false);
  fs::create_symlink("/proc/self/fd/" + std::to_string(ends.write), dir / "out");
  mlkg::write_file_atomically((dir / "out").string(), std::vector<std::string_view>{"two ", "parts\n"});
  CHECK(ends.finish() == "two parts\n");
  CHECK(fs::is_symlink(dir / "out"));
  // A FIFO with a reader.
  const fs::path fifo = dir / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  REQUIRE(reader >= 0);
  mlkg::write_file_atomically(fifo.string(), text);
  REQUIRE(::fcntl(reader, F_SETFL, 0) == 0);
  CHECK(read_all(reader) == text);
  ::close(reader);
  CHECK(fs::is_fifo(fifo));
  std::size_t entries = 0; // out and fifo: no temporary beside them
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 2);
}

TEST_CASE("a stream that cannot be written is an i/o error naming the path given, never the /proc link's target") {
  PipeSignalIgnored ignored;
  Ends ends(false);
  ::close(ends.read);
  ends.read = -1;
  const std::string named = "/proc/self/fd/" + std::to_string(ends.write);
  const mlkg::Error closed = error_of([&] { mlkg::write_file_atomically(named, "x"); });
  CHECK(closed.kind() == mlkg::ErrorKind::io);
  CHECK(format(closed.diagnostics().front()) == named + ": cannot write: write failed: Broken pipe");
  // A folder cannot go into a stream: refused as it is over any file, by the name given.
  Ends open_ends(false);
  const std::string pipe = "/dev/fd/" + std::to_string(open_ends.write);
  const mlkg::Error folder = error_of([&] { mlkg::write_folder_atomically(pipe, {{"a.txt", "a"}}); });
  CHECK(folder.kind() == mlkg::ErrorKind::io);
  CHECK(format(folder.diagnostics().front()) == pipe + ": cannot write folder: it exists and is not a folder");
  CHECK(open_ends.finish().empty());
  // A socket bound to a name is no file to write and cannot be opened.
  TempDir dir;
  const std::string socket = (dir / "socket").string();
  const int bound = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(bound >= 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  REQUIRE(socket.size() < sizeof address.sun_path);
  socket.copy(address.sun_path, socket.size());
  REQUIRE(::bind(bound, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
  const mlkg::Error unopened = error_of([&] { mlkg::write_file_atomically(socket, "x"); });
  ::close(bound);
  CHECK(unopened.kind() == mlkg::ErrorKind::io);
  CHECK(format(unopened.diagnostics().front()) ==
        socket + ": cannot write: it is a socket, which is not opened by name");
}

TEST_CASE("-o /dev/stdout into a pipe writes what -o - writes, for every kind of output") {
  const std::string mini_graph = "--graph " + quoted(mini_dir()) + " ";
  const CliResult json = binary(mini_graph + "export --format json -o /dev/stdout");
  CHECK(json.code == 0);
  CHECK(json.out == mini({"export", "--format", "json"}).out);
  const CliResult svg = binary(mini_graph + "render --all --format svg -o /dev/stdout");
  CHECK(svg.code == 0);
  CHECK(svg.out == mini({"render", "--all", "--format", "svg"}).out);
  const CliResult dot = binary(mini_graph + "render --all --format dot -o /dev/fd/1");
  CHECK(dot.code == 0);
  CHECK(dot.out == mini({"render", "--all", "--format", "dot"}).out);
  // A query's -o FILE leaves its answer on standard output: there, after the drawing.
  const CliResult query = binary(mini_graph + "path glue athena --format dot -o /dev/stdout");
  CHECK(query.code == 0);
  CHECK(query.out == mini({"path", "glue", "athena", "--format", "dot"}).out + mini({"path", "glue", "athena"}).out);
  // Binary drawings too, byte for byte what -o FILE writes: standard output here is a pipe, not a terminal.
  TempDir dir;
  for (const char* extension : {"png", "pdf"}) {
    CAPTURE(extension);
    const std::string file = (dir / (std::string("x.") + extension)).string();
    REQUIRE(mini({"render", "--all", "-o", file}).code == 0);
    for (const char* output : {"/dev/stdout", "-"}) {
      CAPTURE(output);
      const CliResult r = binary(mini_graph + "render --all --format " + extension + " -o " + std::string(output));
      CHECK(r.code == 0);
      CHECK(r.out == read_file(file));
    }
  }
  // And its standard error names the path given.
  const CliResult named = run_shell("{ { " + std::string(MLKG_BINARY) + " --no-cache " + mini_graph +
                                    "export --format json -o /dev/stdout 2>&3; } | cat >/dev/null; } 3>&1");
  CHECK(named.out == "mlkg: wrote /dev/stdout (9 nodes, 7 edges)\n");
}

TEST_CASE("-o naming the file standard output or error is writes through it: >> keeps the file, > what came before") {
  TempDir dir;
  const std::string mlkg = std::string(MLKG_BINARY) + " --no-cache --graph " + quoted(mini_dir()) + " ";
  const std::string log = (dir / "log.txt").string();
  const auto inode = [&] {
    struct stat st {};
    REQUIRE(::stat(log.c_str(), &st) == 0);
    return st.st_ino;
  };
  const std::string json = mini({"export", "--format", "json"}).out;
  for (const std::string& output :
       {std::string("/dev/stdout"), std::string("/proc/self/fd/1"), std::string("/dev/fd/1"), log}) {
    CAPTURE(output);
    mlkg::test::write_file(log, "kept\n");
    const auto before = inode();
    const CliResult r =
        run_shell("{ " + mlkg + "export --format json -o " + quoted(output) + " >>" + quoted(log) + " 2>/dev/null; }");
    CHECK(r.code == 0);
    CHECK(read_file(log) == "kept\n" + json);
    CHECK(inode() == before);
  }
  // Truncated by `>`: a query's drawing, then its answer, printed after it through the same descriptor.
  const CliResult query =
      run_shell("{ " + mlkg + "path glue athena --format dot -o /dev/stdout >" + quoted(log) + " 2>/dev/null; }");
  CHECK(query.code == 0);
  CHECK(read_file(log) ==
        mini({"path", "glue", "athena", "--format", "dot"}).out + mini({"path", "glue", "athena"}).out);
  // Standard error likewise, where mlkg then says what it wrote.
  mlkg::test::write_file(log, "kept\n");
  CHECK(run_shell("{ " + mlkg + "export --format json -o /dev/stderr 2>>" + quoted(log) + "; }").code == 0);
  CHECK(read_file(log) == "kept\n" + json + "mlkg: wrote /dev/stderr (9 nodes, 7 edges)\n");
  std::size_t entries = 0; // the log alone: no temporary beside it
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("-o /dev/stdout into a pipe closed early ends as -o - does: SIGPIPE, or exit 4 when it is ignored") {
  // The whole built-in graph, far more than a pipe holds, so the writer meets the closed end.
  for (const char* first : {"", "trap '' PIPE;"}) {
    CAPTURE(first);
    const std::string dash = cut_short(first, "export --format json -o -");
    const std::string named = cut_short(first, "export --format json -o /dev/stdout");
    CHECK(dash.substr(dash.rfind("status=")) == named.substr(named.rfind("status=")));
  }
  const std::string ignored = cut_short("trap '' PIPE;", "export --format json -o /dev/stdout");
  CHECK(ignored == "mlkg: i/o error: /dev/stdout: cannot write: write failed: Broken pipe\nstatus=4\n");
  CHECK(contains(cut_short("trap '' PIPE;", "export --format json -o -"), "mlkg: i/o error: cannot write the output"));
}

TEST_CASE("binary output goes to standard output unescaped when it is not a terminal, and is refused when it is") {
  TempDir dir;
  for (const char* format : {"png", "pdf"}) {
    CAPTURE(format);
    const std::string file = (dir / (std::string("x.") + format)).string();
    REQUIRE(mini({"path", "glue", "athena", "-o", file}).code == 0);
    const std::string bytes = read_file(file);
    // PNG's signature holds CR and SUB, which the escaping of text output would have made visible.
    for (const std::vector<std::string>& output : {std::vector<std::string>{"-o", "-"}, std::vector<std::string>{}}) {
      CAPTURE(output.size());
      std::vector<std::string> args = {"--graph", mini_dir(), "path", "glue", "athena", "--format", format};
      args.insert(args.end(), output.begin(), output.end());
      const CliResult r = run_cli(args);
      CHECK(r.code == 0);
      CHECK(r.out == bytes);
      CHECK(r.err.empty());
      // Standard output a terminal: refused, before anything is drawn.
      std::ostringstream out, err;
      std::istringstream in;
      CHECK(mlkg::cli::run(args, {in, false}, {out, true}, err) == 2);
      CHECK(out.str().empty());
      CHECK(err.str() == "mlkg: usage error: --format " + std::string(format) +
                             " is binary, and standard output is a terminal (write it to a file: -o FILE." + format +
                             ", or redirect standard output)\n");
    }
  }
  // Text drawings still go to a terminal.
  std::ostringstream out, err;
  std::istringstream in;
  CHECK(mlkg::cli::run({"--graph", mini_dir(), "path", "glue", "athena", "--format", "svg"}, {in, false}, {out, true},
                       err) == 0);
  CHECK(contains(out.str(), "<svg"));
}

TEST_CASE("a terminal named by -o takes no binary drawing or snapshot, as standard output does not") {
  Terminal terminal;
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--graph", mini_dir(), "path", "glue", "athena", "--format", "png", "-o", terminal.name},
           {"--graph", mini_dir(), "path", "glue", "athena", "--format", "pdf", "-o", terminal.name},
           {"--graph", mini_dir(), "render", "--all", "--format", "pdf", "-o", terminal.name},
           {"--graph", mini_dir(), "--no-cache", "snapshot", "-o", terminal.name},
       }) {
    CAPTURE(args);
    const CliResult r = run_cli(args);
    CHECK(r.code == 2);
    CHECK(contains(r.err, "'" + terminal.name + "' is a terminal"));
  }
  // A text drawing does; nothing else did.
  const CliResult dot = mini({"path", "glue", "athena", "--format", "dot", "-o", terminal.name});
  CHECK(dot.code == 0);
  for (int waited = 0; waited < 500 && !contains(terminal.received(), "}"); ++waited)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::string received = terminal.received();
  received.erase(std::remove(received.begin(), received.end(), '\r'), received.end()); // the terminal's CR LF
  CHECK(received == mini({"path", "glue", "athena", "--format", "dot"}).out);
}
