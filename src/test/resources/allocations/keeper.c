/* Allocation-site fixture for Plateau's heaptrack tests: "connections" that keep a growing buffer
 * (keep_connection_buffer) and a request handler that frees what it allocates (handle_and_free).
 * Usage: keeper CONNECTIONS ROUNDS — prints "ready" and then sleeps until killed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *buffers[1024];
static size_t sizes[1024];

__attribute__((noinline)) void keep_connection_buffer(int conn, size_t grow) {
    sizes[conn] += grow;
    buffers[conn] = realloc(buffers[conn], sizes[conn]);
    memset(buffers[conn], 'k', sizes[conn]);
}

__attribute__((noinline)) void handle_and_free(size_t len) {
    char *body = malloc(len);
    memset(body, 'f', len);
    free(body);
}

int main(int argc, char **argv) {
    int conns = argc > 1 ? atoi(argv[1]) : 8;
    int rounds = argc > 2 ? atoi(argv[2]) : 16;
    for (int r = 0; r < rounds; r++) {
        for (int c = 0; c < conns && c < 1024; c++) {
            keep_connection_buffer(c, 64 * 1024);
            handle_and_free(4 * 1024 * 1024);
        }
        usleep(20000);
    }
    printf("ready\n");
    fflush(stdout);
    for (;;) pause();
}
