package dev.tidemark.migration;

import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Map;
import java.util.Set;

/**
 * Stands in, on the JVM, for the {@code resource:} file system of a GraalVM native image: like it, it has
 * to be opened with {@code FileSystems.newFileSystem(URI.create("resource:/"), ...)} before
 * {@code Paths.get("resource:/...")} works, and it then serves the folder a test points it at. The paths
 * it hands out belong to the default file system, so reading and walking them needs nothing here.
 * Installed through {@code META-INF/services}; tests reach the instance by its scheme.
 */
public final class ResourceSchemeFileSystemProvider extends FileSystemProvider {

    private volatile Path root = Path.of("does-not-exist");

    private volatile boolean opened;

    /** Serves the given folder as {@code resource:/}, closed again until someone opens it. */
    void serve(Path folder) {
        this.root = folder;
        this.opened = false;
    }

    @Override
    public String getScheme() {
        return "resource";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        this.opened = true;
        return FileSystems.getDefault();
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        if (!this.opened) {
            throw new FileSystemNotFoundException(uri.toString());
        }
        return FileSystems.getDefault();
    }

    @Override
    public Path getPath(URI uri) {
        if (!this.opened) {
            throw new FileSystemNotFoundException(uri.toString());
        }
        return this.root.resolve(uri.getPath().substring(1));
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete(Path path) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isSameFile(Path path, Path path2) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isHidden(Path path) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileStore getFileStore(Path path) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
        throw new UnsupportedOperationException();
    }

}
