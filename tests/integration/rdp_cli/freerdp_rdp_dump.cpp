// Prints every name:type:value line FreeRDP's own .rdp parser (libfreerdp-client2) reads from a
// file, one per line as "name<TAB>type<TAB>value", so tests can compare our parser with one nobody
// here wrote. Exit 1 when FreeRDP refuses the file.
#include <cstdio>
#include <freerdp/client/file.h>

namespace {

BOOL printLine(void *, const char *name, char type, const char *value)
{
    std::printf("%s\t%c\t%s\n", name, type, value);
    return FALSE; // not handled here: FreeRDP goes on and stores the value as usual
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: freerdp_rdp_dump FILE.rdp\n");
        return 2;
    }
    rdpFile *file = freerdp_client_rdp_file_new();
    if (!file)
        return 1;
    const BOOL ok = freerdp_client_parse_rdp_file_ex(file, argv[1], printLine);
    freerdp_client_rdp_file_free(file);
    return ok ? 0 : 1;
}
