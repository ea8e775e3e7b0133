import typer
app = typer.Typer()
@app.command()
def hello():
    import councilfacts.nlp, councilfacts.scrapers.spiders, councilfacts.data
    print(councilfacts.nlp.__file__, councilfacts.scrapers.spiders.__file__, councilfacts.data.DATA_DIR)
@app.command()
def other(): pass
