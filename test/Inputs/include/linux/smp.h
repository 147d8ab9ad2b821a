/* Mock kernel header written for kmapcheck's tests (not kernel code). */
#ifndef _MOCK_LINUX_SMP_H
#define _MOCK_LINUX_SMP_H
int debug_smp_processor_id(void);
#define smp_processor_id() debug_smp_processor_id()
extern unsigned long __per_cpu_offset[];
#define this_cpu_ptr(ptr) ((typeof(ptr))((unsigned long)(ptr) + __per_cpu_offset[debug_smp_processor_id()]))
#define this_cpu_read(var) (*this_cpu_ptr(&(var)))
#define this_cpu_inc(var) ((*this_cpu_ptr(&(var)))++)
typedef void (*smp_call_func_t)(void *info);
void on_each_cpu(smp_call_func_t func, void *info, int wait);
int smp_call_function_single(int cpu, smp_call_func_t func, void *info,
                             int wait);
#endif
