package io.github.imageloader.emulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Filesystem-backed object store: object {@code name} of {@code bucket} is the file {@code
 * dataDir/bucket/name}. All file I/O runs on worker threads. Hashes are cached per file and
 * re-computed only when its size or modification time changes; the modification time in
 * microseconds doubles as the object generation.
 */
public final class ObjectStore {

  /** Where uploads are assembled before being moved into place; not a valid bucket name. */
  static final String STAGING_DIR = ".emulator-staging";

  private static final int MAX_STAT_ATTEMPTS = 3;

  private final Vertx vertx;
  private final Path dataDir;
  private final Path stagingDir;
  private final Map<Path, ObjectMetadata> cache = new ConcurrentHashMap<>();

  public ObjectStore(Vertx vertx, Path dataDir) {
    this.vertx = vertx;
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.stagingDir = this.dataDir.resolve(STAGING_DIR);
  }

  public Path dataDir() {
    return dataDir;
  }

  public Future<ObjectMetadata> stat(ObjectPath path) {
    return blocking(() -> statBlocking(path));
  }

  /** Reads {@code length} bytes starting at {@code offset} of the object's file. */
  public Future<Buffer> read(ObjectMetadata object, long offset, int length) {
    return blocking(
        () -> {
          ByteBuffer bytes = ByteBuffer.allocate(length);
          try (FileChannel channel = FileChannel.open(object.file(), StandardOpenOption.READ)) {
            while (bytes.hasRemaining()) {
              if (channel.read(bytes, offset + bytes.position()) < 0) {
                throw GcsException.noSuchObject(object.bucket(), object.name());
              }
            }
          } catch (NoSuchFileException e) {
            throw GcsException.noSuchObject(object.bucket(), object.name());
          }
          return Buffer.buffer(bytes.array());
        });
  }

  /**
   * Opens the object's file for zero-copy sending (opening is blocking, so it happens here on a
   * worker). The caller owns the handle and must {@link #close(RandomAccessFile) close} it.
   */
  public Future<RandomAccessFile> open(ObjectMetadata object) {
    return blocking(
        () -> {
          try {
            return new RandomAccessFile(object.file().toFile(), "r");
          } catch (FileNotFoundException e) {
            throw GcsException.noSuchObject(object.bucket(), object.name());
          }
        });
  }

  public Future<Void> close(RandomAccessFile file) {
    return blocking(
        () -> {
          file.close();
          return null;
        });
  }

  /** Fails with 404 if the object does not exist. */
  public Future<Void> delete(ObjectPath path) {
    return blocking(
        () -> {
          Path file = path.resolveIn(dataDir);
          cache.remove(file);
          if (!Files.isRegularFile(file) || !Files.deleteIfExists(file)) {
            requireBucket(path.bucket());
            throw GcsException.noSuchObject(path.bucket(), path.name());
          }
          pruneEmptyParents(file.getParent(), dataDir.resolve(path.bucket()));
          return null;
        });
  }

  /** All object names of {@code bucket} starting with {@code prefix}, sorted. */
  public Future<List<String>> listNames(String bucket, String prefix) {
    return blocking(
        () -> {
          Path bucketDir = requireBucket(bucket);
          Path walkRoot = deepestDirectoryOf(bucketDir, prefix);
          if (!Files.isDirectory(walkRoot)) {
            return List.of();
          }
          List<String> names = new ArrayList<>();
          try (Stream<Path> files = Files.walk(walkRoot)) {
            files
                .filter(Files::isRegularFile)
                .map(file -> toObjectName(bucketDir, file))
                .filter(name -> name.startsWith(prefix))
                .forEach(names::add);
          }
          names.sort(null);
          return names;
        });
  }

  public Future<List<String>> listBuckets() {
    return blocking(
        () -> {
          List<String> buckets = new ArrayList<>();
          if (Files.isDirectory(dataDir)) {
            try (Stream<Path> dirs = Files.list(dataDir)) {
              dirs.filter(Files::isDirectory)
                  .map(dir -> dir.getFileName().toString())
                  .filter(name -> !name.startsWith("."))
                  .forEach(buckets::add);
            }
          }
          buckets.sort(null);
          return buckets;
        });
  }

  /** Creation time of the bucket directory; fails with 404 if there is no such bucket. */
  public Future<Instant> bucketCreated(String bucket) {
    return blocking(() -> creationTime(requireBucket(bucket)));
  }

  public Future<Instant> createBucket(String bucket) {
    return blocking(
        () -> {
          ObjectPath.validateBucket(bucket);
          Path dir = dataDir.resolve(bucket);
          try {
            Files.createDirectories(dataDir);
            Files.createDirectory(dir);
          } catch (FileAlreadyExistsException e) {
            throw GcsException.conflict("Bucket already exists: " + bucket);
          }
          return creationTime(dir);
        });
  }

  /** Stores {@code content} as the object, atomically replacing any previous version. */
  public Future<ObjectMetadata> put(
      ObjectPath path, Buffer content, UploadMetadata upload,
      GenerationPreconditions preconditions) {
    return blocking(
        () -> {
          Path staged = newStagingFileBlocking();
          try {
            Files.write(staged, content.getBytes());
            return commitBlocking(path, staged, upload, preconditions);
          } finally {
            Files.deleteIfExists(staged);
          }
        });
  }

  /** An empty file to assemble a resumable upload in. */
  public Future<Path> newStagingFile() {
    return blocking(this::newStagingFileBlocking);
  }

  /** Appends to a staged upload, returning the staged size afterwards. */
  public Future<Long> append(Path staged, Buffer chunk) {
    return blocking(
        () -> {
          try (FileChannel channel =
              FileChannel.open(staged, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(chunk.getBytes());
            while (bytes.hasRemaining()) {
              channel.write(bytes);
            }
            return channel.size();
          }
        });
  }

  /** Moves a staged upload into place as the object. */
  public Future<ObjectMetadata> commit(
      ObjectPath path, Path staged, UploadMetadata upload,
      GenerationPreconditions preconditions) {
    return blocking(
        () -> {
          try {
            return commitBlocking(path, staged, upload, preconditions);
          } finally {
            Files.deleteIfExists(staged);
          }
        });
  }

  public Future<Void> discard(Path staged) {
    return blocking(
        () -> {
          Files.deleteIfExists(staged);
          return null;
        });
  }

  private ObjectMetadata statBlocking(ObjectPath path) throws IOException {
    Path file = path.resolveIn(dataDir);
    for (int attempt = 1; ; attempt++) {
      BasicFileAttributes before = readAttributes(path, file);
      ObjectMetadata cached = cache.get(file);
      if (cached != null && matches(cached, before)) {
        return cached;
      }
      ContentHashes hashes = ContentHashes.ofFile(file);
      BasicFileAttributes after = readAttributes(path, file);
      // A concurrent writer may have replaced the file while we hashed it.
      if (sameVersion(before, after) || attempt == MAX_STAT_ATTEMPTS) {
        ObjectMetadata metadata =
            toMetadata(path, file, after, hashes, UploadMetadata.of(ContentTypes.guess(path.name())));
        cache.put(file, metadata);
        return metadata;
      }
    }
  }

  private ObjectMetadata commitBlocking(
      ObjectPath path, Path staged, UploadMetadata upload, GenerationPreconditions preconditions)
      throws IOException {
    requireBucket(path.bucket());
    Path target = path.resolveIn(dataDir);
    preconditions.check(currentGeneration(target));
    ContentHashes hashes = ContentHashes.ofFile(staged);
    upload.verify(hashes);
    try {
      Files.createDirectories(target.getParent());
      if (Files.isDirectory(target)) {
        throw GcsException.conflict("Object name collides with a directory: " + path);
      }
      Files.move(
          staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw GcsException.conflict("Object name collides with an existing object: " + path);
    }
    String contentType =
        upload.contentType() != null ? upload.contentType() : ContentTypes.DEFAULT;
    UploadMetadata stored =
        new UploadMetadata(contentType, upload.customMetadata(), null, null);
    BasicFileAttributes attributes = Files.readAttributes(target, BasicFileAttributes.class);
    ObjectMetadata metadata = toMetadata(path, target, attributes, hashes, stored);
    cache.put(target, metadata);
    return metadata;
  }

  private Path newStagingFileBlocking() throws IOException {
    Files.createDirectories(stagingDir);
    return Files.createFile(stagingDir.resolve(UUID.randomUUID() + ".part"));
  }

  private long currentGeneration(Path file) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return attributes.isRegularFile() ? generationOf(attributes) : 0;
    } catch (NoSuchFileException e) {
      return 0;
    } catch (FileSystemException e) {
      return 0; // e.g. a parent segment is a file: the object cannot exist
    }
  }

  private BasicFileAttributes readAttributes(ObjectPath path, Path file) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (attributes.isRegularFile()) {
        return attributes;
      }
    } catch (NoSuchFileException e) {
      // fall through to the 404 below
    } catch (FileSystemException e) {
      // "Not a directory": a parent segment is a file, so there is no such object
    }
    cache.remove(file);
    requireBucket(path.bucket());
    throw GcsException.noSuchObject(path.bucket(), path.name());
  }

  private Path requireBucket(String bucket) {
    ObjectPath.validateBucket(bucket);
    Path dir = dataDir.resolve(bucket);
    if (!Files.isDirectory(dir)) {
      throw GcsException.noSuchBucket(bucket);
    }
    return dir;
  }

  private void pruneEmptyParents(Path dir, Path bucketDir) {
    while (dir != null && dir.startsWith(bucketDir) && !dir.equals(bucketDir)) {
      try {
        Files.delete(dir);
      } catch (IOException e) {
        return; // not empty (or gone): stop pruning
      }
      dir = dir.getParent();
    }
  }

  private static Path deepestDirectoryOf(Path bucketDir, String prefix) {
    int slash = prefix.lastIndexOf('/');
    if (slash <= 0) {
      return bucketDir;
    }
    String dirPart = prefix.substring(0, slash);
    for (String segment : dirPart.split("/")) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return bucketDir; // cannot match any stored name; walk from the bucket to stay inside it
      }
    }
    return bucketDir.resolve(dirPart);
  }

  private static String toObjectName(Path bucketDir, Path file) {
    Path relative = bucketDir.relativize(file);
    StringBuilder name = new StringBuilder();
    for (Path segment : relative) {
      if (name.length() > 0) {
        name.append('/');
      }
      name.append(segment);
    }
    return name.toString();
  }

  private static ObjectMetadata toMetadata(
      ObjectPath path, Path file, BasicFileAttributes attributes, ContentHashes hashes,
      UploadMetadata upload) {
    return new ObjectMetadata(
        path.bucket(),
        path.name(),
        file,
        attributes.size(),
        generationOf(attributes),
        1,
        upload.contentType(),
        hashes.crc32c(),
        hashes.md5Hash(),
        attributes.lastModifiedTime().toInstant(),
        upload.customMetadata());
  }

  private static boolean matches(ObjectMetadata cached, BasicFileAttributes attributes) {
    return cached.size() == attributes.size() && cached.generation() == generationOf(attributes);
  }

  private static boolean sameVersion(BasicFileAttributes a, BasicFileAttributes b) {
    return a.size() == b.size() && generationOf(a) == generationOf(b);
  }

  private static long generationOf(BasicFileAttributes attributes) {
    return Math.max(1, attributes.lastModifiedTime().to(TimeUnit.MICROSECONDS));
  }

  private static Instant creationTime(Path dir) throws IOException {
    return Files.readAttributes(dir, BasicFileAttributes.class).creationTime().toInstant();
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }
}
