"""Land: the county place-name table, 征地 projects and their announcements, land-use and mining-right transfers."""
