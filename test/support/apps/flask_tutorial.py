"""The Flask sessions tutorial's app, as the tutorial writes it (its weak example
secret_key included), for the Your app tab's end-to-end tests. It listens on a
free port of 127.0.0.1 and prints "Listening on http://127.0.0.1:<port>" first."""
import sys

from flask import Flask, redirect, request, session, url_for
from werkzeug.serving import make_server

app = Flask(__name__)
# The tutorial's own key: the one "Try the known weak keys" must find.
app.secret_key = 'your_very_secret_key'


@app.route('/')
def index():
    if 'username' in session:
        return f'Logged in as {session["username"]}'
    return 'You are not logged in'


@app.route('/login', methods=['GET', 'POST'])
def login():
    if request.method == 'POST':
        session['username'] = request.form['username']
        return redirect(url_for('index'))
    return '''
        <form method="post">
            <p><input type=text name=username>
            <p><input type=submit value=Login>
        </form>
    '''


@app.route('/logout')
def logout():
    session.pop('username', None)
    return redirect(url_for('index'))


@app.route('/counter')
def counter():
    session['visits'] = session.get('visits', 0) + 1
    return f'Number of visits: {session["visits"]}'


if __name__ == '__main__':
    server = make_server('127.0.0.1', 0, app)
    print(f'Listening on http://127.0.0.1:{server.server_port}', flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        sys.exit(0)
