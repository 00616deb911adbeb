/* SPDX-License-Identifier: MIT */
/* all_imports.c: WASI test: imports all 46 preview1 functions, prints the errno of each. */
#include <stdint.h>
#include <stdio.h>

/* Raw imports with the witx signatures: i = i32, I = i64. */
#define IMPORT(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))
#define I32          int32_t
#define I64          int64_t
IMPORT(fd_advise) I32 w_fd_advise(I32, I64, I64, I32);
IMPORT(fd_allocate) I32 w_fd_allocate(I32, I64, I64);
IMPORT(fd_datasync) I32 w_fd_datasync(I32);
IMPORT(fd_fdstat_set_flags) I32 w_fd_fdstat_set_flags(I32, I32);
IMPORT(fd_fdstat_set_rights) I32 w_fd_fdstat_set_rights(I32, I64, I64);
IMPORT(fd_filestat_get) I32 w_fd_filestat_get(I32, I32);
IMPORT(fd_filestat_set_size) I32 w_fd_filestat_set_size(I32, I64);
IMPORT(fd_filestat_set_times) I32 w_fd_filestat_set_times(I32, I64, I64, I32);
IMPORT(fd_pread) I32 w_fd_pread(I32, I32, I32, I64, I32);
IMPORT(fd_prestat_get) I32 w_fd_prestat_get(I32, I32);
IMPORT(fd_prestat_dir_name) I32 w_fd_prestat_dir_name(I32, I32, I32);
IMPORT(fd_pwrite) I32 w_fd_pwrite(I32, I32, I32, I64, I32);
IMPORT(fd_readdir) I32 w_fd_readdir(I32, I32, I32, I64, I32);
IMPORT(fd_renumber) I32 w_fd_renumber(I32, I32);
IMPORT(fd_seek) I32 w_fd_seek(I32, I64, I32, I32);
IMPORT(fd_sync) I32 w_fd_sync(I32);
IMPORT(fd_tell) I32 w_fd_tell(I32, I32);
IMPORT(fd_close) I32 w_fd_close(I32);
IMPORT(fd_write) I32 w_fd_write(I32, I32, I32, I32);
IMPORT(fd_read) I32 w_fd_read(I32, I32, I32, I32);
IMPORT(fd_fdstat_get) I32 w_fd_fdstat_get(I32, I32);
IMPORT(path_create_directory) I32 w_path_create_directory(I32, I32, I32);
IMPORT(path_filestat_get) I32 w_path_filestat_get(I32, I32, I32, I32, I32);
IMPORT(path_filestat_set_times) I32 w_path_filestat_set_times(I32, I32, I32, I32, I64, I64, I32);
IMPORT(path_link) I32 w_path_link(I32, I32, I32, I32, I32, I32, I32);
IMPORT(path_open) I32 w_path_open(I32, I32, I32, I32, I32, I64, I64, I32, I32);
IMPORT(path_readlink) I32 w_path_readlink(I32, I32, I32, I32, I32, I32);
IMPORT(path_remove_directory) I32 w_path_remove_directory(I32, I32, I32);
IMPORT(path_rename) I32 w_path_rename(I32, I32, I32, I32, I32, I32);
IMPORT(path_symlink) I32 w_path_symlink(I32, I32, I32, I32, I32);
IMPORT(path_unlink_file) I32 w_path_unlink_file(I32, I32, I32);
IMPORT(proc_raise) I32 w_proc_raise(I32);
IMPORT(sock_accept) I32 w_sock_accept(I32, I32, I32);
IMPORT(sock_recv) I32 w_sock_recv(I32, I32, I32, I32, I32, I32);
IMPORT(sock_send) I32 w_sock_send(I32, I32, I32, I32, I32);
IMPORT(sock_shutdown) I32 w_sock_shutdown(I32, I32);
IMPORT(poll_oneoff) I32 w_poll_oneoff(I32, I32, I32, I32);
IMPORT(sched_yield) I32 w_sched_yield(void);
IMPORT(args_sizes_get) I32 w_args_sizes_get(I32, I32);
IMPORT(args_get) I32 w_args_get(I32, I32);
IMPORT(environ_sizes_get) I32 w_environ_sizes_get(I32, I32);
IMPORT(environ_get) I32 w_environ_get(I32, I32);
IMPORT(clock_res_get) I32 w_clock_res_get(I32, I32);
IMPORT(clock_time_get) I32 w_clock_time_get(I32, I64, I32);
IMPORT(random_get) I32 w_random_get(I32, I32);
IMPORT(proc_exit) _Noreturn void w_proc_exit(I32);

static uint8_t scratch[256];
#define S       ((I32)(uintptr_t)scratch)
#define P(call) printf("%-24s %d\n", #call, (int)w_##call)

int main(void)
{
    const char path[] = "x";
    I32 p = (I32)(uintptr_t)path;
    P(fd_advise(1, 0, 0, 0));
    P(fd_allocate(1, 0, 1));
    P(fd_datasync(1));
    P(fd_fdstat_set_flags(1, 0));
    P(fd_fdstat_set_rights(9, 0, 0));
    P(fd_fdstat_set_rights(1, -1, 0));
    P(fd_filestat_get(1, S));
    P(fd_filestat_get(5, S));
    P(fd_filestat_set_size(1, 0));
    P(fd_filestat_set_times(1, 0, 0, 0));
    P(fd_pread(0, S, 0, 0, S));
    P(fd_prestat_get(3, S));
    P(fd_prestat_dir_name(3, S, 8));
    P(fd_pwrite(1, S, 0, 0, S));
    P(fd_readdir(1, S, 16, 0, S));
    P(fd_readdir(7, S, 16, 0, S));
    P(fd_renumber(1, 9));
    P(fd_renumber(9, 1));
    P(fd_seek(1, 0, 0, S));
    P(fd_seek(9, 0, 0, S));
    P(fd_sync(1));
    P(fd_tell(1, S));
    P(fd_write(9, S, 0, S));
    P(fd_write(0, S, 0, S));
    P(fd_read(1, S, 0, S));
    P(fd_fdstat_get(2, S));
    P(fd_fdstat_get(3, S));
    P(path_create_directory(3, p, 1));
    P(path_filestat_get(3, 0, p, 1, S));
    P(path_filestat_set_times(3, 0, p, 1, 0, 0, 0));
    P(path_link(3, 0, p, 1, 3, p, 1));
    P(path_open(3, 0, p, 1, 0, 0, 0, 0, S));
    P(path_readlink(3, p, 1, S, 16, S));
    P(path_remove_directory(3, p, 1));
    P(path_rename(3, p, 1, 3, p, 1));
    P(path_symlink(p, 1, 3, p, 1));
    P(path_unlink_file(3, p, 1));
    P(proc_raise(6));
    P(sock_accept(1, 0, S));
    P(sock_accept(4, 0, S));
    P(sock_recv(1, S, 0, 0, S, S));
    P(sock_send(1, S, 0, 0, S));
    P(sock_shutdown(1, 0));
    P(sock_shutdown(4, 0));
    P(poll_oneoff(S, S, 0, S));
    P(sched_yield());
    P(fd_close(7));
    P(fd_close(0));
    P(fd_close(0));
    P(fd_read(0, S, 0, S));
    P(args_sizes_get(S, S + 4));
    P(args_get(S, S + 16));
    P(environ_sizes_get(S, S + 4));
    P(environ_get(S, S + 16));
    P(clock_res_get(1, S));
    P(clock_time_get(0, 0, S));
    P(random_get(S, 16));
    fflush(stdout);
    w_proc_exit(3); /* the 46th: the exit status must be 3 */
}
