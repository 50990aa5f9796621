#pragma once
// Private to the loader: where it gets the texts of the node/edge files, by file number. A folder's files
// are read one at a time into one reused buffer, so a graph split over several big files never sits in
// memory whole (at 1M nodes / 5M edges: 400 MB fewer pages for the kernel to zero and map). Locating
// problems afterwards reads a file again.

#include "mlkg/load.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mlkg::detail {

// A file as it was read: size, modification and change times (the last cannot be set back), inode number.
struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0, ctime_ns = 0;
  std::uint64_t inode = 0;
  bool operator==(const FileStamp& o) const {
    return size == o.size && mtime_ns == o.mtime_ns && ctime_ns == o.ctime_ns && inode == o.inode;
  }
};

// Reads `path` whole into `text` (keeping its capacity), leaving room after it for the JSON parser's
// padding. Throws Error(io).
FileStamp read_file_into(const std::string& path, std::string& text);

class GraphSources {
public:
  virtual ~GraphSources() = default;
  virtual std::size_t size() const = 0;
  virtual const std::string& name(std::size_t file) const = 0;
  virtual std::size_t bytes(std::size_t file) const = 0;
  // The file's text, valid until the next call. Throws Error(io) when it cannot be read, or has changed
  // since it was first read (then the problems' lines would point at the wrong text).
  virtual const SourceText& text(std::size_t file) = 0;
  // Frees what text() holds, if the sources own it (it is read again when asked for).
  virtual void release() {}
};

// Texts already in memory (the built-in files, tests).
class TextSources final : public GraphSources {
public:
  explicit TextSources(std::vector<const SourceText*> files) : files_(std::move(files)) {}
  std::size_t size() const override { return files_.size(); }
  const std::string& name(std::size_t file) const override { return files_[file]->name; }
  std::size_t bytes(std::size_t file) const override { return files_[file]->text.size(); }
  const SourceText& text(std::size_t file) override { return *files_[file]; }

private:
  std::vector<const SourceText*> files_;
};

// Files on disk, whose sizes were checked against the limit when the folder was listed.
class FileSources final : public GraphSources {
public:
  FileSources(std::vector<std::string> paths, std::vector<std::size_t> sizes);
  std::size_t size() const override { return paths_.size(); }
  const std::string& name(std::size_t file) const override { return paths_[file]; }
  std::size_t bytes(std::size_t file) const override { return sizes_[file]; }
  const SourceText& text(std::size_t file) override;
  void release() override {
    // Swapped out, not assigned: a std::string assigned an empty one keeps its buffer.
    std::string().swap(current_.text);
    loaded_ = SIZE_MAX;
  }

private:
  std::vector<std::string> paths_;
  std::vector<std::size_t> sizes_;                // when listed
  std::vector<std::optional<FileStamp>> read_as_; // when first read
  SourceText current_;                            // the text of file `loaded_`
  std::size_t loaded_ = SIZE_MAX;
};

} // namespace mlkg::detail
