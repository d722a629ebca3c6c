/* The floor PanelReport's loading is measured against (scripts/bench):
 *   bench-floor yaml DIR   parse every DIR/cases/*.yaml with libyaml's event API, building nothing
 *   bench-floor csv FILE   scan a CSV file's bytes, splitting rows and cells with RFC 4180 quotes
 * It prints what it counted, so the work cannot be optimised away. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static long yaml_events(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); exit(1); }
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, file);
    long events = 0;
    for (;;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) { fprintf(stderr, "%s: %s\n", path, parser.problem); exit(1); }
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        events++;
        if (done) break;
    }
    yaml_parser_delete(&parser);
    fclose(file);
    return events;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: bench-floor yaml DIR | csv FILE\n"); return 64; }
    if (strcmp(argv[1], "yaml") == 0) {
        char folder[4096];
        snprintf(folder, sizeof folder, "%s/cases", argv[2]);
        DIR *dir = opendir(folder);
        if (!dir) { perror(folder); return 66; }
        long files = 0, events = 0;
        struct dirent *entry;
        while ((entry = readdir(dir))) {
            size_t n = strlen(entry->d_name);
            if (n < 5 || strcmp(entry->d_name + n - 5, ".yaml") != 0) continue;
            char path[8192];
            snprintf(path, sizeof path, "%s/%s", folder, entry->d_name);
            events += yaml_events(path);
            files++;
        }
        closedir(dir);
        printf("%ld files, %ld events\n", files, events);
    } else {
        FILE *file = fopen(argv[2], "rb");
        if (!file) { perror(argv[2]); return 66; }
        static char buffer[1 << 16];
        long rows = 0, cells = 0;
        int quoted = 0;
        size_t n;
        while ((n = fread(buffer, 1, sizeof buffer, file)) > 0) {
            for (size_t i = 0; i < n; i++) {
                char c = buffer[i];
                if (c == '"') quoted = !quoted;
                else if (!quoted && c == ',') cells++;
                else if (!quoted && c == '\n') { rows++; cells++; }
            }
        }
        fclose(file);
        printf("%ld rows, %ld cells\n", rows, cells);
    }
    return 0;
}
