# Shared by the variant scripts (source it after `cd` to the project root).

# TSUZURI: the binary to measure; built (release, .build-variants) unless the caller set it.
if [ -z "${TSUZURI:-}" ]; then
    swift build -c release --scratch-path .build-variants --product tsuzuri >&2
    TSUZURI=$(swift build -c release --scratch-path .build-variants --show-bin-path)/tsuzuri
fi

# cluster_lists LISTS OUT TOLERANCE: `tsuzuri cluster --format json` on every LISTS/list_*.txt
# into OUT/list_*.json. Exit 1 means "groups found", the expected outcome here.
cluster_lists() {
    mkdir -p "$2"
    for f in "$1"/list_*.txt; do
        "$TSUZURI" cluster --tolerance "$3" --format json "$f" > "$2/$(basename "$f" .txt).json" || [ $? -eq 1 ]
    done
}
