/*
 * mmap_lock for the reference model (written for kmapcheck). A fault on user
 * memory takes the faulting task's mmap_lock for reading.
 */
#ifndef _KMAPREF_LINUX_MMAP_LOCK_H
#define _KMAPREF_LINUX_MMAP_LOCK_H

#include <linux/mm_types.h>
#include <linux/rwsem.h>

static inline void mmap_read_lock(struct mm_struct *mm)
{
	down_read(&mm->mmap_lock);
}

static inline void mmap_read_unlock(struct mm_struct *mm)
{
	up_read(&mm->mmap_lock);
}

static inline void mmap_write_lock(struct mm_struct *mm)
{
	down_write(&mm->mmap_lock);
}

static inline void mmap_write_unlock(struct mm_struct *mm)
{
	up_write(&mm->mmap_lock);
}

#endif /* _KMAPREF_LINUX_MMAP_LOCK_H */
