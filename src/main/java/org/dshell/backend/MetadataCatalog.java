package org.dshell.backend;

import java.util.List;
import java.util.function.Consumer;

import org.dshell.core.CatalogEntry;
import org.dshell.core.LfnPath;
import org.dshell.core.meta.MetaAssignment;
import org.dshell.core.meta.MetaField;
import org.dshell.core.meta.MetaFieldLookup;
import org.dshell.core.meta.MetaQuery;
import org.dshell.core.meta.MetaScope;
import org.dshell.core.meta.MetaType;

/**
 * Typed user metadata on catalog entries, as DIRAC's FileMetadata and DirectoryMetadata keep it:
 * fields are defined once for files or for directories, and a directory's values are inherited by
 * everything below it (the nearest directory that sets a field wins). Acts as the file catalog's
 * identity: setting needs write permission on the entry, reading needs the usual path traversal.
 */
public interface MetadataCatalog {

    /** The user-defined fields, sorted by name. */
    List<MetaField> fields();

    /** A lookup over the fields as they are now, for parsing queries and assignments. */
    default MetaFieldLookup lookup() {
        return MetaFieldLookup.of(fields());
    }

    /** Defines a field; its name must be new, valid and not a standard key. */
    MetaField addField(String name, MetaType type, MetaScope scope);

    /** Removes a field and every value set for it. */
    void removeField(String name);

    /**
     * Sets values on entries, all or nothing: file fields on files, directory fields on directories,
     * with write permission on every entry. A value already set is replaced.
     */
    void set(List<LfnPath> paths, List<MetaAssignment> assignments);

    /** Removes the own values of the given fields from entries (absent values are fine), all or nothing. */
    void remove(List<LfnPath> paths, List<MetaField> fields);

    /** An entry's effective values, own ones and those inherited from directories above, by field name. */
    List<MetaValue> get(LfnPath path);

    /**
     * Streams the files (or, with {@code directories}, the directories) at or below {@code top} that
     * match {@code query}, sorted by path. Subdirectories the identity may not read and search are skipped.
     */
    void find(LfnPath top, MetaQuery query, boolean directories, Consumer<CatalogEntry> sink);

    /** How many entries {@link #find} would deliver. */
    long count(LfnPath top, MetaQuery query, boolean directories);

    /**
     * Registers files as {@link FileCatalog#register} does and sets the same file metadata on each
     * (what {@code put --meta} needs). The assignments are checked before anything is registered.
     */
    void registerWithMetadata(List<FileCatalog.NewFile> files, List<MetaAssignment> assignments);

    /** One effective value: {@code from} is the entry itself for an own value, else the directory it is inherited from. */
    record MetaValue(MetaField field, Object value, LfnPath from, boolean inherited) {
        public String text() {
            return field.type().format(value);
        }
    }
}
