#include "graph/hash.hpp"
#include "mlkg/error.hpp"
#include "mlkg/snapshot.hpp"
#include "snapshot/build_id.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <sys/stat.h>

namespace mlkg {

namespace fs = std::filesystem;

namespace {

std::string absolute_folder(const std::string& dir) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(dir, ec), ec);
  if (ec) p = fs::absolute(dir).lexically_normal();
  return p.string();
}

std::string cache_folder() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && *xdg == '/') return (fs::path(xdg) / "mlkg").string(); // the spec ignores relative paths
  const char* home = std::getenv("HOME");
  if (home && *home) return (fs::path(home) / ".cache" / "mlkg").string();
  return {};
}

// The size stamped for a listed *.json that is not a file the loader can read: no file has it.
constexpr std::uint64_t unreadable_size = std::numeric_limits<std::uint64_t>::max();

// The first difference between two listings, walked together in path order (a folder may hold thousands).
std::string why_stale(std::vector<SourceStamp> recorded, std::vector<SourceStamp> now) {
  const auto by_path = [](const SourceStamp& a, const SourceStamp& b) { return a.path < b.path; };
  std::sort(recorded.begin(), recorded.end(), by_path);
  std::sort(now.begin(), now.end(), by_path);
  std::string added;
  auto n = now.begin();
  for (const SourceStamp& r : recorded) {
    for (; n != now.end() && n->path < r.path; ++n)
      if (added.empty()) added = n->path + " was added";
    if (n == now.end() || n->path != r.path) return r.path + " was removed";
    if (!(*n++ == r)) return r.path + " changed";
  }
  if (added.empty() && n != now.end()) added = n->path + " was added";
  return added;
}

} // namespace

std::vector<SourceStamp> stamp_graph_dir(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw Error::in_file(ErrorKind::io, dir, fs::exists(dir, ec) ? "not a folder" : "no such folder",
                         "--graph and MLKG_GRAPH name a folder of graph *.json files or a snapshot");
  }
  const fs::path folder = absolute_folder(dir);
  std::vector<SourceStamp> stamps;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    // What the loader lists: every *.json but the hidden ones (an editor's ".#nodes.json"). One that is not a
    // file it can read (a folder, a dangling link) is stamped too, so that a cache never stands in for the
    // load that would refuse it.
    if (entry.path().filename().string().front() == '.' || entry.path().extension() != ".json") continue;
    struct stat st {};
    if (::stat(entry.path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
      stamps.push_back({entry.path().string(), unreadable_size, 0, 0, 0});
      continue;
    }
    stamps.push_back({entry.path().string(), static_cast<std::uint64_t>(st.st_size),
                      std::int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec,
                      std::int64_t{st.st_ctim.tv_sec} * 1000000000 + st.st_ctim.tv_nsec,
                      static_cast<std::uint64_t>(st.st_ino)});
  }
  if (ec) throw Error::in_file(ErrorKind::io, dir, "cannot list folder: " + ec.message());
  std::sort(stamps.begin(), stamps.end(), [](const SourceStamp& a, const SourceStamp& b) { return a.path < b.path; });
  return stamps;
}

std::string stale_reason(const std::vector<SourceStamp>& recorded) {
  if (recorded.empty()) return {};
  const fs::path folder = fs::path(recorded.front().path).parent_path();
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return {};
  try {
    return why_stale(recorded, stamp_graph_dir(folder.string()));
  } catch (const Error&) {
    return "its source folder " + folder.string() + " cannot be read";
  }
}

namespace {
// A graph folder's caches, from any build, start with this: a hash of its absolute path.
std::string cache_prefix(const std::string& dir) {
  char prefix[24];
  std::snprintf(prefix, sizeof prefix, "%016llx",
                static_cast<unsigned long long>(detail::hash_text(absolute_folder(dir))));
  return prefix;
}

// Removes the folder's caches that other builds wrote (and the unversioned ones before them): nothing
// reads them again.
void remove_other_builds_caches(const std::string& dir, const std::string& kept) {
  const std::string prefix = cache_prefix(dir);
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(fs::path(kept).parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.path() == fs::path(kept) || name.rfind(prefix, 0) != 0 || entry.path().extension() != ".mlkg") continue;
    fs::remove(entry.path(), ec);
  }
}
} // namespace

namespace {
// The cache's warnings name files as the run that wrote it spelled the folder (`w6/g/a.json` from one
// folder, also in a suggestion's "first defined at w6/g/b.json:3:5"); they are given as this run spells it
// (`hostile/w6/g/a.json` from another), as a load would.
// Nothing when they already name them so (a copy of a big graph's warnings is not made for nothing).
std::optional<std::vector<Diagnostic>> respelled(const std::vector<Diagnostic>& cached,
                                                 const std::vector<SourceStamp>& sources, const std::string& dir) {
  std::map<std::string, std::string> now_of; // a source's file name -> its path as this run spells it
  for (const SourceStamp& source : sources) {
    const std::string name = fs::path(source.path).filename().string();
    now_of[name] = (fs::path(dir) / name).string();
  }
  // What the writing run put before every file name.
  std::optional<std::string> before;
  for (const Diagnostic& d : cached) {
    const std::string name = fs::path(d.where.file).filename().string();
    if (now_of.count(name) && d.where.file.size() >= name.size()) {
      before = d.where.file.substr(0, d.where.file.size() - name.size());
      break;
    }
  }
  if (!before || (fs::path(dir) / "x").string() == *before + "x") return std::nullopt;
  std::vector<Diagnostic> warnings = cached;
  const auto respell = [&](std::string& text) {
    for (std::size_t at = 0; (at = text.find(*before, at)) != std::string::npos;) {
      const std::size_t start = at + before->size(), end = text.find(".json", start);
      const auto it = end == std::string::npos ? now_of.end() : now_of.find(text.substr(start, end + 5 - start));
      if (it == now_of.end()) {
        ++at;
        continue;
      }
      text.replace(at, end + 5 - at, it->second);
      at += it->second.size();
    }
  };
  for (Diagnostic& d : warnings) {
    respell(d.where.file);
    respell(d.suggestion);
  }
  return warnings;
}
} // namespace

std::string cache_path_for(const std::string& dir) {
  const std::string folder = cache_folder();
  if (folder.empty()) return {};
  // Keyed by this build too: another build may check graphs by other rules, so its cache is not trusted.
  return (fs::path(folder) / (cache_prefix(dir) + "-" + detail::build_id + ".mlkg")).string();
}

CachedLoad load_graph_dir_cached(const std::string& dir, bool use_cache, const LoadLimits& limits) {
  CachedLoad result;
  const std::vector<SourceStamp> stamps = stamp_graph_dir(dir);
  std::string cache = use_cache ? cache_path_for(dir) : std::string{};
  std::error_code ec;
  const fs::file_status status = cache.empty() ? fs::file_status{} : fs::symlink_status(cache, ec);
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    // Not one mlkg wrote (a link, a FIFO, a folder): neither read, which could block or follow the link, nor
    // replaced, which would write where the link points.
    result.notes.push_back("ignoring the cache " + cache +
                           ": not a regular file, so left alone; use --no-cache to skip it");
    cache.clear();
  }
  if (!cache.empty() && fs::exists(status)) {
    try {
      Snapshot snap = read_snapshot(cache);
      if (snap.sources == stamps) {
        result.loaded = std::move(snap.loaded);
        if (auto named_here = respelled(result.loaded.warnings.list(), stamps, dir))
          result.loaded.warnings = std::move(*named_here);
        result.from_cache = true;
        return result;
      }
    } catch (const Error& e) {
      Diagnostic why = e.diagnostics().front();
      why.suggestion.clear(); // how to make a snapshot again: the cache is made again here
      result.notes.push_back("ignoring the cache: " + format(why) + "; rebuilding it");
    }
  }

  result.loaded = load_graph_dir(dir, limits);
  if (cache.empty()) return result;
  try {
    fs::create_directories(fs::path(cache).parent_path());
    write_snapshot(result.loaded, stamps, cache);
    remove_other_builds_caches(dir, cache);
  } catch (const Error& e) {
    result.notes.push_back("cannot write the cache (" + format(e.diagnostics().front()) +
                           "); use --no-cache to skip it");
  } catch (const fs::filesystem_error& e) {
    result.notes.push_back("cannot write the cache " + cache + " (" + e.code().message() +
                           "); use --no-cache to skip it");
  }
  return result;
}

} // namespace mlkg
