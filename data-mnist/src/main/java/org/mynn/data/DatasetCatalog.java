package org.mynn.data;

import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mynn.core.MynnException;
import org.mynn.data.fetch.DatasetDescriptor;

/** The named datasets, from every {@link DatasetDescriptor} bound in Guice. */
public final class DatasetCatalog {

    private final Map<String, DatasetDescriptor> byName = new TreeMap<>();

    /** @throws MynnException when two descriptors share a name */
    @Inject
    public DatasetCatalog(java.util.Set<DatasetDescriptor> descriptors) {
        this((Collection<DatasetDescriptor>) descriptors);
    }

    public DatasetCatalog(Collection<DatasetDescriptor> descriptors) {
        for (DatasetDescriptor d : descriptors) {
            if (byName.putIfAbsent(d.name(), d) != null) {
                throw new MynnException("two datasets are named '" + d.name() + "'");
            }
        }
    }

    /** @throws MynnException naming the known datasets when {@code name} is not one */
    public DatasetDescriptor get(String name) {
        DatasetDescriptor d = byName.get(name);
        if (d == null) {
            throw new MynnException("unknown dataset '" + name + "'; known: " + String.join(", ", names())
                    + " (or give the files themselves)");
        }
        return d;
    }

    /** @return the names, sorted */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** @return the descriptors, sorted by name */
    public List<DatasetDescriptor> all() {
        return List.copyOf(byName.values());
    }
}
