/* SPDX-License-Identifier: MIT */
/* frame_obj.c: the Frame object: a page, the address spaces it is mapped in, and its release. */
#include "frame.h"
#include "frame_obj.h"
#include "slab.h"

static struct slab_cache frame_obj_cache;
static bool frame_obj_cache_ready;

jx_error_t frame_obj_create(struct frame_obj **out)
{
    if (!frame_obj_cache_ready &&
        slab_cache_init(&frame_obj_cache, "frame", sizeof(struct frame_obj), &slab_frame_source) !=
            JX_OK)
        return JX_EINVAL;
    frame_obj_cache_ready = true;
    struct frame_obj *f = slab_alloc(&frame_obj_cache);
    if (!f)
        return JX_ENOMEM;
    if (frame_alloc(&f->pa) != JX_OK) {
        slab_free(&frame_obj_cache, f);
        return JX_ENOMEM;
    }
    kobj_init(&f->obj, JX_OBJ_FRAME);
    *out = f;
    return JX_OK;
}

void frame_obj_destroy(struct frame_obj *f)
{
    for (int i = 0; i < CONFIG_FRAME_MAPS; i++)
        if (f->maps[i].vs)
            vspace_unmap_frame(&f->maps[i]);
    frame_free(f->pa);
    slab_free(&frame_obj_cache, f);
}

struct frame_map *frame_obj_free_map(struct frame_obj *f)
{
    for (int i = 0; i < CONFIG_FRAME_MAPS; i++)
        if (!f->maps[i].vs)
            return &f->maps[i];
    return 0;
}
