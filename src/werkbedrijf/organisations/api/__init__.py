"""The organisations API: the region's organisations, for every staff member."""
