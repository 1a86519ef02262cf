"""The Service catalogue page's core: the table of services and one service's detail."""
