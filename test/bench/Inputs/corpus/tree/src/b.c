/* Not in the compile database: its case is "not built". */
void unbuilt(void)
{
}
